namespace Serverless.Core.Terminology;

/// <summary>Scores candidates and picks the top ones with maximal marginal relevance.</summary>
public static class CandidateRanker
{
    public static IReadOnlyList<ExtractedTerm> Rank(DocumentAnalysis analysis, RankingOptions options, int top)
    {
        var all = Score(analysis, options);
        var kept = Admitted(analysis.Candidates, all, options);
        var scores = kept.Select(i => all[i]).ToArray();
        var vectors = kept.Select(i => analysis.CandidateVectors[i]).ToArray();
        var chosen = MaximalMarginalRelevance.Select(scores, vectors, options.MmrLambda, top);
        return chosen
            .Select(c => kept[c])
            .Select(i => new ExtractedTerm(analysis.Candidates[i].Canonical, all[i], analysis.Candidates[i].SurfaceForms))
            .ToList();
    }

    /// <summary>
    /// Indices of the candidates that may be terms, ascending: all but the single words of everyday English, which stay
    /// only when their score exceeds every other candidate's by <see cref="RankingOptions.GeneralWordMargin"/>.
    /// </summary>
    public static int[] Admitted(IReadOnlyList<PhraseCandidate> candidates, IReadOnlyList<double> scores, RankingOptions options)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(options);
        var (best, second) = (double.NegativeInfinity, double.NegativeInfinity);
        foreach (var score in scores)
        {
            (best, second) = score > best ? (score, best) : (best, Math.Max(second, score));
        }

        return [.. Enumerable.Range(0, candidates.Count).Where(
            i => !candidates[i].GeneralWord || (scores[i] == best && scores[i] - second >= options.GeneralWordMargin))];
    }

    public static double[] Score(DocumentAnalysis analysis, RankingOptions options)
    {
        var candidates = analysis.Candidates;
        var scores = new double[candidates.Count];
        var words = analysis.Document.Words.Count;
        for (var i = 0; i < candidates.Count; i++)
        {
            var similarity = VectorMath.Dot(analysis.CandidateVectors[i], analysis.DocumentVector);
            scores[i] = (options.SimilarityWeight * similarity) + Prior(candidates[i], words, options);
        }

        return scores;
    }

    /// <summary>The part of the score that needs no embedding: position, frequency, title, length and shape.</summary>
    public static double Prior(PhraseCandidate candidate, int documentWords, RankingOptions options)
    {
        var position = 1.0 - ((double)candidate.FirstPosition / Math.Max(1, documentWords));
        return (options.PositionWeight * position)
            + (options.FrequencyWeight * Math.Log(candidate.Frequency))
            + (options.TitleWeight * (candidate.InTitle ? 1 : 0))
            + (options.LengthWeight * (candidate.WordCount - 1))
            + (options.MaximalWeight * ((double)candidate.MaximalCount / candidate.Frequency));
    }

    /// <summary>
    /// The candidates worth embedding on their own, in document order: the <see cref="RankingOptions.EmbeddedCandidates"/>
    /// best by a preliminary score from their in-context vectors (<paramref name="inContext"/>'s candidate vectors), whose
    /// similarity counts for <see cref="RankingOptions.ShortlistSimilarityWeight"/> as it only estimates the final one.
    /// </summary>
    public static IReadOnlyList<PhraseCandidate> Shortlist(DocumentAnalysis inContext, RankingOptions options)
    {
        ArgumentNullException.ThrowIfNull(inContext);
        ArgumentNullException.ThrowIfNull(options);
        var preliminary = Score(inContext, options with { SimilarityWeight = options.ShortlistSimilarityWeight });
        var kept = Admitted(inContext.Candidates, preliminary, options);
        var best = Best(kept.Select(i => preliminary[i]).ToArray(), options.EmbeddedCandidates);
        return [.. best.Select(i => inContext.Candidates[kept[i]])];
    }

    /// <summary>Indices of the <paramref name="keep"/> best scores, ascending (ties: earlier first).</summary>
    public static int[] Best(IReadOnlyList<double> scores, int keep)
    {
        var order = new int[scores.Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        if (keep >= order.Length)
        {
            return order;
        }

        Array.Sort(order, (a, b) => scores[a] != scores[b] ? scores[b].CompareTo(scores[a]) : a.CompareTo(b));
        Array.Sort(order, 0, keep);
        return order[..keep];
    }
}
