namespace Serverless.Core.Terminology.Evaluation;

/// <summary>Macro-averaged scores of one evaluation run.</summary>
/// <param name="Documents">Documents evaluated.</param>
/// <param name="At5">Mean precision and recall at 5 (F1 is the mean of per-document F1, not recomputed).</param>
/// <param name="F1At5">Mean per-document F1 at 5.</param>
/// <param name="At10">Mean precision and recall at 10.</param>
/// <param name="F1At10">Mean per-document F1 at 10.</param>
/// <param name="Elapsed">Wall-clock time of extraction (model load excluded when it was already loaded).</param>
/// <param name="PerDocument">Scores of each document, in dataset order.</param>
public sealed record EvaluationReport(
    int Documents,
    PrecisionRecall At5,
    double F1At5,
    PrecisionRecall At10,
    double F1At10,
    TimeSpan Elapsed,
    IReadOnlyList<KeyphraseScores> PerDocument)
{
    /// <summary>The extracted phrases of each document, best first, in dataset order.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Predictions { get; init; } = [];

    public double DocumentsPerSecond => Elapsed.TotalSeconds > 0 ? Documents / Elapsed.TotalSeconds : 0;
}
