namespace Serverless.Core.Terminology.Evaluation;

/// <summary>
/// The keyphrase-benchmark protocol of pke: both sides lower-cased and Porter-stemmed word by word, exact
/// match of whole stemmed phrases, duplicates (after stemming) counted once, references that do not occur in
/// the text still counted in recall. Precision at k divides by k when at least k phrases were predicted
/// (by the number predicted otherwise), as pke's evaluation script does.
/// </summary>
public static class KeyphraseMetrics
{
    /// <summary>The cut-offs the evaluation reports, as the published methods do.</summary>
    public static IReadOnlyList<int> Cutoffs { get; } = [5, 10, 15];

    public static PrecisionRecall At(IReadOnlyList<string> predicted, IReadOnlyList<string> references, int k) =>
        Count(predicted, references, k).Scores;

    /// <summary>Hits among the first <paramref name="k"/> distinct predictions, how many those are, and the distinct references.</summary>
    public static MatchCounts Count(IReadOnlyList<string> predicted, IReadOnlyList<string> references, int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        var gold = Distinct(references).ToHashSet(StringComparer.Ordinal);
        var top = Distinct(predicted).Take(k).ToList();
        return new MatchCounts(top.Count(gold.Contains), top.Count, gold.Count);
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

    /// <summary>
    /// Micro average: total hits over total predictions and over total references, so a document with many references
    /// weighs more. A document with no prediction still adds its references, as in the published evaluation scripts.
    /// </summary>
    public static PrecisionRecall Micro(IEnumerable<MatchCounts> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        long hits = 0, predicted = 0, references = 0;
        foreach (var c in counts)
        {
            hits += c.Hits;
            predicted += c.Predicted;
            references += c.References;
        }

        return new PrecisionRecall(predicted == 0 ? 0 : (double)hits / predicted, references == 0 ? 0 : (double)hits / references);
    }
}
