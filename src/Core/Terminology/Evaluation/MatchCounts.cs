namespace Serverless.Core.Terminology.Evaluation;

/// <summary>
/// What one document contributes at one cut-off: matched phrases, distinct phrases predicted (at most the cut-off)
/// and distinct reference phrases. Macro scores average each document's ratios; micro scores divide the sums.
/// </summary>
public readonly record struct MatchCounts(int Hits, int Predicted, int References)
{
    /// <summary>Precision and recall of this document alone (both 0 when nothing was predicted or nothing is expected).</summary>
    public PrecisionRecall Scores =>
        Predicted == 0 || References == 0 ? new PrecisionRecall(0, 0) : new PrecisionRecall((double)Hits / Predicted, (double)Hits / References);
}
