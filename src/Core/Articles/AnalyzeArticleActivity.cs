using Microsoft.DurableTask;

namespace Serverless.Core.Articles;

/// <summary>Analyses a batch of articles one after the other; the per-instance CPU cap is the analyzer's gate.</summary>
public sealed class AnalyzeArticleActivity(ArticleAnalyzer analyzer) : TaskActivity<AnalyzeArticleInput, List<ArticleOutcome>>
{
    public override async Task<List<ArticleOutcome>> RunAsync(TaskActivityContext context, AnalyzeArticleInput input)
    {
        var outcomes = new List<ArticleOutcome>(input.Articles.Count);
        foreach (string article in input.Articles)
        {
            outcomes.Add(await analyzer.AnalyzeAsync(input.Container, article, input.TopTerms));
        }

        return outcomes;
    }
}
