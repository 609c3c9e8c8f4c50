using Serverless.Core.Terminology;

namespace Serverless.Core.Articles;

/// <summary>Merges per-article terms into the corpus terminology: variants that stem alike count as one term.</summary>
public static class CorpusTerminology
{
    public static IReadOnlyList<CorpusTerm> Merge(IEnumerable<ArticleOutcome> outcomes)
    {
        var byStem = new Dictionary<string, Accumulator>(StringComparer.Ordinal);
        foreach (ArticleOutcome article in outcomes.Where(o => o.Succeeded && o.Terms.Count > 0).OrderBy(o => o.Article, StringComparer.Ordinal))
        {
            double best = article.Terms.Max(t => t.Score);
            foreach (ExtractedTerm term in article.Terms)
            {
                string stem = PorterStemming.StemPhrase(term.Term);
                if (!byStem.TryGetValue(stem, out Accumulator? acc))
                {
                    byStem[stem] = acc = new Accumulator();
                }

                acc.Add(article.Article, term, best > 0 ? term.Score / best : 0);
            }
        }

        return byStem.Values
            .Select(a => a.ToTerm())
            .OrderByDescending(t => t.Score)
            .ThenBy(t => t.Term, StringComparer.Ordinal)
            .ToList();
    }

    sealed class Accumulator
    {
        readonly Dictionary<string, int> spellings = new(StringComparer.Ordinal);
        readonly SortedSet<string> forms = new(StringComparer.Ordinal);
        readonly List<string> articles = [];
        double score;

        public void Add(string article, ExtractedTerm term, double relativeScore)
        {
            spellings[term.Term] = spellings.GetValueOrDefault(term.Term) + 1;
            forms.UnionWith(term.SurfaceForms);
            if (articles.Count == 0 || articles[^1] != article)
            {
                articles.Add(article);
            }

            score += relativeScore;
        }

        public CorpusTerm ToTerm()
        {
            string canonical = spellings.OrderByDescending(s => s.Value).ThenBy(s => s.Key, StringComparer.Ordinal).First().Key;
            return new CorpusTerm(canonical, Math.Round(score, 6), articles.Count, articles, forms.ToList());
        }
    }
}
