using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Serverless.Core.Http;
using Serverless.Core.Runs;
using Serverless.Core.Runs.FanOut;
using Serverless.Core.Users;

namespace Serverless.Functions.Users;

/// <summary>Thin shells over Core's user-fetch run: every body hands over.</summary>
public sealed class UserFetchFunctions(RunsHttpApi api, FetchUserBatchActivity fetchUsers)
{
    [Function("StartUserFetch")]
    public Task<IActionResult> Start(
        [HttpTrigger(AuthorizationLevel.Function, RunRoutes.Post, Route = RunRoutes.StartUserFetch)] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        api.StartUserFetchAsync(request, client, cancellationToken);

    [Function(nameof(UserFetchOrchestrator))]
    public Task<RunSummary> Orchestrate([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new UserFetchOrchestrator().RunAsync(context, context.GetInput<RunPlan>()!);

    [Function(nameof(UserFetchChunkOrchestrator))]
    public Task<ChunkReport> OrchestrateChunk([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new UserFetchChunkOrchestrator().RunAsync(context, context.GetInput<ChunkWork>()!);

    [Function(nameof(FetchUserBatchActivity))]
    public Task<BatchReport> FetchUsers([ActivityTrigger] WorkBatch<int> input) =>
        fetchUsers.RunAsync(new FunctionActivityContext(nameof(FetchUserBatchActivity), input.RunId), input);
}
