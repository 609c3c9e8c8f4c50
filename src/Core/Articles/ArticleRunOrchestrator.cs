using Microsoft.DurableTask;
using Serverless.Core.Runs;
using Serverless.Core.Runs.FanOut;

namespace Serverless.Core.Articles;

/// <summary>
/// An article run (by prefix or names, or one uploaded article): batches of articles, one activity each, through a window of
/// activities, each writing its articles' terms or failures to a part blob; the parts are fanned in to the run's folder:
/// per-article terms, failures with reasons, a corpus-level terminology and the manifest.
/// </summary>
public sealed class ArticleRunOrchestrator : TaskOrchestrator<RunPlan, RunSummary>
{
    public override async Task<RunSummary> RunAsync(TaskOrchestrationContext context, RunPlan plan)
    {
        var run = new FanOutRun(context, plan);
        StopReason? stoppedBecause = await run.WorkItemsAsync<string>(nameof(AnalyzeArticleActivity), nameof(ArticleChunkOrchestrator));
        return await run.WriteResultsAsync(stoppedBecause);
    }
}
