using System.Diagnostics;

namespace Serverless.Core.Terminology.Evaluation;

/// <summary>
/// Runs an <see cref="ITerminologyExtractor"/> over labelled documents and scores it with
/// <see cref="KeyphraseMetrics"/> at 5 and 10. Data from the Inspec Database kindly supplied by The IET.
/// </summary>
public static class KeyphraseEvaluator
{
    /// <param name="extractor">The extractor under test.</param>
    /// <param name="documents">Documents with reference phrases.</param>
    /// <param name="top">Phrases requested per document; at least 10 for the @10 scores to mean anything.</param>
    /// <param name="workers">Documents extracted in parallel.</param>
    public static EvaluationReport Evaluate(
        ITerminologyExtractor extractor,
        IReadOnlyList<LabeledDocument> documents,
        int top = 10,
        int workers = 1,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(extractor);
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        var scores = new KeyphraseScores[documents.Count];
        var predictions = new IReadOnlyList<string>[documents.Count];
        var watch = Stopwatch.StartNew();
        Parallel.For(
            0,
            documents.Count,
            new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = cancellationToken },
            i =>
            {
                var document = documents[i];
                var predicted = extractor.Extract(document.Text, top).Terms.Select(t => t.Term).ToList();
                predictions[i] = predicted;
                scores[i] = new KeyphraseScores(
                    document.Id,
                    KeyphraseMetrics.At(predicted, document.Keyphrases, 5),
                    KeyphraseMetrics.At(predicted, document.Keyphrases, 10));
            });
        watch.Stop();

        var at5 = KeyphraseMetrics.Average(scores.Select(s => s.At5));
        var at10 = KeyphraseMetrics.Average(scores.Select(s => s.At10));
        return new EvaluationReport(
            documents.Count,
            new PrecisionRecall(at5.Precision, at5.Recall),
            at5.F1,
            new PrecisionRecall(at10.Precision, at10.Recall),
            at10.F1,
            watch.Elapsed,
            scores) { Predictions = predictions };
    }
}
