namespace Serverless.Core.Terminology.Evaluation;

/// <summary>Precision, recall and F1 of one cut-off (F1 is 0 when precision and recall are both 0).</summary>
public readonly record struct PrecisionRecall(double Precision, double Recall)
{
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);
}

/// <summary>Scores of one document.</summary>
/// <param name="Id">The document's id in its dataset.</param>
/// <param name="Counts">Match counts at each of <see cref="KeyphraseMetrics.Cutoffs"/>, in that order.</param>
public sealed record KeyphraseScores(string Id, IReadOnlyList<MatchCounts> Counts)
{
    public PrecisionRecall At5 => At(5);

    public PrecisionRecall At10 => At(10);

    public PrecisionRecall At15 => At(15);

    public PrecisionRecall At(int k) => CountsAt(k).Scores;

    public MatchCounts CountsAt(int k)
    {
        for (var i = 0; i < KeyphraseMetrics.Cutoffs.Count; i++)
        {
            if (KeyphraseMetrics.Cutoffs[i] == k)
            {
                return Counts[i];
            }
        }

        throw new ArgumentOutOfRangeException(nameof(k), k, "Not an evaluated cut-off.");
    }
}
