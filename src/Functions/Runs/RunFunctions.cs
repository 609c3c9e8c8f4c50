using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask;
using Serverless.Core.Http;
using Serverless.Core.Runs;
using Serverless.Core.Runs.Limits;
using Serverless.Core.Storage;

namespace Serverless.Functions.Runs;

/// <summary>Thin shells over Core's run API, the shared run activities and the API limiter: every body hands over.</summary>
public sealed class RunFunctions(RunsHttpApi api, ReadChunkItemsActivity readChunk, WriteRunResultsActivity writeResults)
{
    [Function("CancelRun")]
    public Task<IActionResult> Cancel(
        [HttpTrigger(AuthorizationLevel.Function, RunRoutes.Post, Route = RunRoutes.CancelRun)] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        api.CancelRunAsync(request, id, client, cancellationToken);

    [Function("RedriveRun")]
    public Task<IActionResult> Redrive(
        [HttpTrigger(AuthorizationLevel.Function, RunRoutes.Post, Route = RunRoutes.RedriveRun)] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        api.RedriveRunAsync(request, id, client, cancellationToken);

    [Function(nameof(ApiLimiterOrchestrator))]
    public Task<string> Limiter([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new ApiLimiterOrchestrator().RunAsync(context, context.GetInput<PermitPool>());

    [Function(nameof(ReadChunkItemsActivity))]
    public Task<JsonElement> ReadChunk([ActivityTrigger] ChunkItemsRequest input) =>
        readChunk.RunAsync(new FunctionActivityContext(nameof(ReadChunkItemsActivity), input.RunId), input);

    [Function(nameof(WriteRunResultsActivity))]
    public Task<RunManifest> WriteResults([ActivityTrigger] RunResultsRequest input) =>
        writeResults.RunAsync(new FunctionActivityContext(nameof(WriteRunResultsActivity), input.Draft.RunId), input);

    [Function("GetRun")]
    public Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Function, RunRoutes.Get, Route = RunRoutes.Run)] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        api.GetRunAsync(request, id, client, cancellationToken);

    [Function("GetRunView")]
    public Task<IActionResult> View(
        [HttpTrigger(AuthorizationLevel.Function, RunRoutes.Get, Route = RunRoutes.RunView)] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        api.GetRunViewAsync(request, id, client, cancellationToken);

    [Function("GetRunFailures")]
    public Task<IActionResult> Failures(
        [HttpTrigger(AuthorizationLevel.Function, RunRoutes.Get, Route = RunRoutes.RunFailures)] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        api.GetRunFailuresAsync(request, id, client, cancellationToken);

    [Function("GetRunFile")]
    public Task<IActionResult> File(
        [HttpTrigger(AuthorizationLevel.Function, RunRoutes.Get, Route = RunRoutes.RunFile)] HttpRequest request,
        string id,
        string file,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        api.GetRunFileAsync(request, id, file, client, cancellationToken);
}
