namespace Serverless.Core.Terminology.Evaluation;

/// <summary>
/// The keyphrase-benchmark protocol of pke: both sides lower-cased and Porter-stemmed word by word, exact
/// match of whole stemmed phrases, duplicates (after stemming) counted once, references that do not occur in
/// the text still counted in recall. Precision at k divides by k when at least k phrases were predicted
/// (by the number predicted otherwise), as pke's evaluation script does.
/// </summary>
public static class KeyphraseMetrics
{
    public static PrecisionRecall At(IReadOnlyList<string> predicted, IReadOnlyList<string> references, int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        var gold = Distinct(references);
        var top = Distinct(predicted).Take(k).ToList();
        if (top.Count == 0 || gold.Count == 0)
        {
            return new PrecisionRecall(0, 0);
        }

        var goldSet = gold.ToHashSet(StringComparer.Ordinal);
        var hits = top.Count(goldSet.Contains);
        return new PrecisionRecall((double)hits / top.Count, (double)hits / gold.Count);
    }

    /// <summary>Stemmed phrases in first-seen order without repeats.</summary>
    public static List<string> Distinct(IEnumerable<string> phrases)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<string>();
        foreach (var phrase in phrases)
        {
            var stemmed = PorterStemming.StemPhrase(phrase);
            if (stemmed.Length > 0 && seen.Add(stemmed))
            {
                result.Add(stemmed);
            }
        }

        return result;
    }

    /// <summary>Macro average: the mean of per-document precision, recall and F1.</summary>
    public static (double Precision, double Recall, double F1) Average(IEnumerable<PrecisionRecall> scores)
    {
        var list = scores.ToList();
        if (list.Count == 0)
        {
            return (0, 0, 0);
        }

        return (list.Average(s => s.Precision), list.Average(s => s.Recall), list.Average(s => s.F1));
    }
}
