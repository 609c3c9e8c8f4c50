using System.Globalization;
using Microsoft.DurableTask;
using Serverless.Core.Runs;
using Serverless.Core.Storage;

namespace Serverless.Core.Articles;

/// <summary>
/// One activity per article (or per batch of them) through a sliding window (in chunks of sub-orchestrations when the run is large), fanned in to the run's folder: per-article terms,
/// failures with reasons, a corpus-level terminology and the manifest. Serves both a batch (prefix or names)
/// and a single uploaded article.
/// </summary>
public sealed class ArticleBatchOrchestrator : TaskOrchestrator<ArticleRunInput, RunSummary>
{
    public override async Task<RunSummary> RunAsync(TaskOrchestrationContext context, ArticleRunInput input)
    {
        IReadOnlyList<string> articles = input.Articles;
        var run = new RunTracker(context, RunKinds.Articles, articles.Count);
        ArticleChunk Work(IReadOnlyList<string> names, int window) => new(context.InstanceId, input.ArticlesContainer, names, input.TopTerms, window, input.BatchSize);
        List<ArticleOutcome> outcomes = await ChunkedFanOut.RunAsync(
            articles,
            input.MaxInFlight,
            input.ChunkSize * input.BatchSize,
            (all, window) => ArticleWindow.RunAsync(context, Work(all, window), (batch, inFlight) => run.Record(batch.Select(o => o.Succeeded), inFlight)),
            (index, chunk, window) => context.CallSubOrchestratorAsync<List<ArticleOutcome>>(
                nameof(ArticleChunkOrchestrator), Work(chunk, window), ChunkedFanOut.ChunkOptions(context.InstanceId, index)),
            ArticleWindow.Crashed,
            (chunk, inFlight) => run.Record(chunk.Select(o => o.Succeeded), inFlight));

        (RunManifest manifest, RunSummary summary) = run.Complete(
            new RunInputDescription(articles.Count, Prefix: input.Prefix, Articles: articles),
            new Dictionary<string, string>
            {
                ["Articles:MaxWorkers"] = input.MaxWorkersPerInstance.ToString(CultureInfo.InvariantCulture),
                ["Articles:MaxInFlightPerRun"] = input.MaxInFlight.ToString(CultureInfo.InvariantCulture),
                ["Articles:BatchSize"] = input.BatchSize.ToString(CultureInfo.InvariantCulture),
                ["Articles:ChunkSize"] = input.ChunkSize.ToString(CultureInfo.InvariantCulture),
                ["Articles:TopTerms"] = input.TopTerms.ToString(CultureInfo.InvariantCulture),
                ["Articles:Container"] = input.ArticlesContainer,
            },
            RunFolder.ForArticles(input.ResultsContainer, context.InstanceId));
        await context.CallActivityAsync<bool>(nameof(WriteArticleResultsActivity), new ArticleRunResults(manifest, outcomes));
        return summary;
    }
}
