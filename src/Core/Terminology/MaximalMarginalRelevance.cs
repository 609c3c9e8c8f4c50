namespace Serverless.Core.Terminology;

/// <summary>
/// Maximal marginal relevance (Carbonell &amp; Goldstein, 1998) as used by EmbedRank++: greedily pick the
/// candidate with the best mix of its own score and dissimilarity to those already picked, so the top list
/// is not ten paraphrases of one idea.
/// </summary>
public static class MaximalMarginalRelevance
{
    /// <summary>Indices of the chosen candidates, best first. Ties go to the earlier candidate (deterministic).</summary>
    public static IReadOnlyList<int> Select(IReadOnlyList<double> scores, IReadOnlyList<float[]> vectors, double lambda, int top)
    {
        var count = Math.Min(top, scores.Count);
        var chosen = new List<int>(count);
        var maxSimilarity = new double[scores.Count];
        var taken = new bool[scores.Count];
        Array.Fill(maxSimilarity, double.NegativeInfinity);

        for (var round = 0; round < count; round++)
        {
            var best = -1;
            var bestValue = double.NegativeInfinity;
            for (var i = 0; i < scores.Count; i++)
            {
                if (taken[i])
                {
                    continue;
                }

                var redundancy = chosen.Count == 0 ? 0 : maxSimilarity[i];
                var value = (lambda * scores[i]) - ((1 - lambda) * redundancy);
                if (value > bestValue)
                {
                    bestValue = value;
                    best = i;
                }
            }

            taken[best] = true;
            chosen.Add(best);
            for (var i = 0; i < scores.Count; i++)
            {
                if (!taken[i])
                {
                    maxSimilarity[i] = Math.Max(maxSimilarity[i], VectorMath.Dot(vectors[i], vectors[best]));
                }
            }
        }

        return chosen;
    }
}
