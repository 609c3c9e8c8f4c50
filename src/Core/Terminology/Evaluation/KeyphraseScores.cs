namespace Serverless.Core.Terminology.Evaluation;

/// <summary>Precision, recall and F1 of one cut-off (F1 is 0 when precision and recall are both 0).</summary>
public readonly record struct PrecisionRecall(double Precision, double Recall)
{
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);
}

/// <summary>Scores of one document at the cut-offs 5 and 10.</summary>
public sealed record KeyphraseScores(string Id, PrecisionRecall At5, PrecisionRecall At10);
