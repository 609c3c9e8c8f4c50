namespace Serverless.Core.Terminology.Evaluation;

/// <summary>Scores of one evaluation run.</summary>
/// <param name="Documents">Documents evaluated.</param>
/// <param name="Cutoffs">Macro and micro scores at each of <see cref="KeyphraseMetrics.Cutoffs"/>, in that order.</param>
/// <param name="Elapsed">Wall-clock time of extraction (model load excluded when it was already loaded).</param>
/// <param name="PerDocument">Scores of each document, in dataset order.</param>
public sealed record EvaluationReport(
    int Documents,
    IReadOnlyList<CutoffScores> Cutoffs,
    TimeSpan Elapsed,
    IReadOnlyList<KeyphraseScores> PerDocument)
{
    /// <summary>The extracted phrases of each document, best first, in dataset order.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Predictions { get; init; } = [];

    /// <summary>Mean precision and recall at 5 (macro).</summary>
    public PrecisionRecall At5 => At(5).Macro;

    /// <summary>Mean per-document F1 at 5.</summary>
    public double F1At5 => At(5).MacroF1;

    /// <summary>Mean precision and recall at 10 (macro).</summary>
    public PrecisionRecall At10 => At(10).Macro;

    /// <summary>Mean per-document F1 at 10.</summary>
    public double F1At10 => At(10).MacroF1;

    public double DocumentsPerSecond => Elapsed.TotalSeconds > 0 ? Documents / Elapsed.TotalSeconds : 0;

    public CutoffScores At(int k) =>
        Cutoffs.FirstOrDefault(c => c.K == k) ?? throw new ArgumentOutOfRangeException(nameof(k), k, "Not an evaluated cut-off.");
}
