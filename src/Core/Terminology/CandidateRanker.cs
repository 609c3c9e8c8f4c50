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
        var words = Math.Max(1, analysis.Document.Words.Count);
        for (var i = 0; i < candidates.Count; i++)
        {
            var c = candidates[i];
            var similarity = VectorMath.Dot(analysis.CandidateVectors[i], analysis.DocumentVector);
            var position = 1.0 - ((double)c.FirstPosition / words);
            scores[i] = (options.SimilarityWeight * similarity)
                + (options.PositionWeight * position)
                + (options.FrequencyWeight * Math.Log(c.Frequency))
                + (options.TitleWeight * (c.InTitle ? 1 : 0))
                + (options.LengthWeight * (c.WordCount - 1))
                + (options.MaximalWeight * ((double)c.MaximalCount / c.Frequency));
        }

        return scores;
    }
}
