namespace Serverless.Core.Terminology;

/// <summary>Scores candidates and picks the top ones with maximal marginal relevance.</summary>
public static class CandidateRanker
{
    public static IReadOnlyList<ExtractedTerm> Rank(DocumentAnalysis analysis, RankingOptions options, int top)
    {
        var scores = Score(analysis, options);
        var chosen = MaximalMarginalRelevance.Select(scores, analysis.CandidateVectors, options.MmrLambda, top);
        return chosen
            .Select(i => new ExtractedTerm(analysis.Candidates[i].Canonical, scores[i], analysis.Candidates[i].SurfaceForms))
            .ToList();
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
        if (inContext.Candidates.Count <= options.EmbeddedCandidates)
        {
            return inContext.Candidates;
        }

        var preliminary = Score(inContext, options with { SimilarityWeight = options.ShortlistSimilarityWeight });
        var best = Best(preliminary, options.EmbeddedCandidates);
        var shortlist = new PhraseCandidate[best.Length];
        for (var i = 0; i < best.Length; i++)
        {
            shortlist[i] = inContext.Candidates[best[i]];
        }

        return shortlist;
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
