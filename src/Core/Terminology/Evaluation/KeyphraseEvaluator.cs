using System.Diagnostics;

namespace Serverless.Core.Terminology.Evaluation;

/// <summary>
/// Runs an <see cref="ITerminologyExtractor"/> over labelled documents and scores it with
/// <see cref="KeyphraseMetrics"/> at each of <see cref="KeyphraseMetrics.Cutoffs"/>, macro- and micro-averaged.
/// Data from the Inspec Database kindly supplied by The IET.
/// </summary>
public static class KeyphraseEvaluator
{
    /// <param name="extractor">The extractor under test.</param>
    /// <param name="documents">Documents with reference phrases.</param>
    /// <param name="top">Phrases requested per document; at least 15 for the @15 scores to mean anything.</param>
    /// <param name="workers">Documents extracted in parallel.</param>
    public static EvaluationReport Evaluate(
        ITerminologyExtractor extractor,
        IReadOnlyList<LabeledDocument> documents,
        int top = 15,
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
                    [.. KeyphraseMetrics.Cutoffs.Select(k => KeyphraseMetrics.Count(predicted, document.Keyphrases, k))]);
            });
        watch.Stop();

        var cutoffs = KeyphraseMetrics.Cutoffs.Select((k, c) =>
        {
            var macro = KeyphraseMetrics.Average(scores.Select(s => s.Counts[c].Scores));
            var micro = KeyphraseMetrics.Micro(scores.Select(s => s.Counts[c]));
            return new CutoffScores(k, new PrecisionRecall(macro.Precision, macro.Recall), macro.F1, micro);
        });
        return new EvaluationReport(documents.Count, [.. cutoffs], watch.Elapsed, scores) { Predictions = predictions };
    }
}
