using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Serverless.Core.Http;

namespace Serverless.Functions.Runs;

public sealed class RunFunctions(RunsHttpApi api)
{
    [Function("GetRun")]
    public Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "runs/{id}")] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        api.GetRunAsync(request, id, client, cancellationToken);

    [Function("GetRunView")]
    public Task<IActionResult> View(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "runs/{id}/view")] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        api.GetRunViewAsync(request, id, client, cancellationToken);

    [Function("GetRunFailures")]
    public Task<IActionResult> Failures(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "runs/{id}/failures")] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        api.GetRunFailuresAsync(request, id, client, cancellationToken);

    [Function("GetRunFile")]
    public Task<IActionResult> File(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "runs/{id}/files/{file}")] HttpRequest request,
        string id,
        string file,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        api.GetRunFileAsync(request, id, file, client, cancellationToken);
}
