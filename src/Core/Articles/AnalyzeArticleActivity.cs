using Microsoft.DurableTask;
using Serverless.Core.Runs.FanOut;
using Serverless.Core.Storage;

namespace Serverless.Core.Articles;

/// <summary>
/// Analyses a batch of articles one after the other (the per-instance CPU cap is the analyzer's gate), writes their outcomes to
/// the batch's part blob and returns the counts.
/// </summary>
public sealed class AnalyzeArticleActivity(ArticleAnalyzer analyzer, RunItemStore items) : TaskActivity<WorkBatch<string>, BatchReport>
{
    public override async Task<BatchReport> RunAsync(TaskActivityContext context, WorkBatch<string> input)
    {
        ArticleAnalysisSettings settings = input.Articles ?? throw new ArgumentException(
            "An article batch carries its run's analysis settings.", nameof(input));
        var outcomes = new List<ArticleOutcome>(input.Items.Count);
        foreach (string article in input.Items)
        {
            outcomes.Add(await analyzer.AnalyzeAsync(settings.Container, article, settings.TopTerms));
        }

        await items.WritePartAsync(input.ResultsContainer, input.RunId, input.Chunk, input.Batch, outcomes);
        return new BatchReport(outcomes.Count(o => o.Succeeded), outcomes.Count(o => !o.Succeeded), 0);
    }
}
