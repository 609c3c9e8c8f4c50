using Azure.Storage.Blobs;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Serverless.Core.Articles;
using Serverless.Core.Http;
using Serverless.Core.Runs;
using Serverless.Core.Runs.FanOut;
using Serverless.Core.Storage;

namespace Serverless.Functions.Articles;

/// <summary>Thin shells over Core's article runs: every body hands over.</summary>
public sealed class ArticleFunctions(
    RunsHttpApi api,
    ArticleUploadHandler uploads,
    AnalyzeArticleActivity analyze)
{
    [Function("StartArticleAnalysis")]
    public Task<IActionResult> Start(
        [HttpTrigger(AuthorizationLevel.Function, RunRoutes.Post, Route = RunRoutes.StartArticleAnalysis)] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        api.StartArticleAnalysisAsync(request, client, cancellationToken);

    /// <summary>
    /// An upload to <c>articles/{name}</c> starts (or, for content already analysed, skips) a one-article run.
    /// Event Grid source because Flex Consumption has no polling blob trigger; infra/bicep subscribes the
    /// storage account's BlobCreated events to the host's blobs_extension webhook.
    /// </summary>
    [Function("ArticleUploaded")]
    public Task Uploaded(
        [BlobTrigger("articles/{name}", Source = BlobTriggerSource.EventGrid, Connection = "AzureWebJobsStorage")] BlobClient blob,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        uploads.HandleAsync(blob, client, cancellationToken);

    [Function(nameof(ArticleRunOrchestrator))]
    public Task<RunSummary> Orchestrate([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new ArticleRunOrchestrator().RunAsync(context, context.GetInput<RunPlan>()!);

    [Function(nameof(ArticleChunkOrchestrator))]
    public Task<ChunkReport> OrchestrateChunk([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new ArticleChunkOrchestrator().RunAsync(context, context.GetInput<ChunkWork>()!);

    [Function(nameof(AnalyzeArticleActivity))]
    public Task<BatchReport> Analyze([ActivityTrigger] WorkBatch<string> input) =>
        analyze.RunAsync(new FunctionActivityContext(nameof(AnalyzeArticleActivity), input.RunId), input);
}
