using Microsoft.DurableTask;
using Serverless.Core.Runs;
using Serverless.Core.Runs.FanOut;

namespace Serverless.Core.Articles;

/// <summary>
/// An article run (a batch by prefix or names, or one uploaded article): batches of articles, one activity each, through a window
/// (see <see cref="FanOutRun"/>), fanned in to the run's folder: per-article terms, failures with reasons, a corpus-level
/// terminology and the manifest.
/// </summary>
public sealed class ArticleBatchOrchestrator : TaskOrchestrator<RunPlan, RunSummary>
{
    public override Task<RunSummary> RunAsync(TaskOrchestrationContext context, RunPlan input) =>
        FanOutRun.RunAsync(context, input, nameof(AnalyzeArticleActivity), nameof(ArticleChunkOrchestrator));
}
