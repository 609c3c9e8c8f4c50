using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Serverless.Core.Http;
using Serverless.Core.Runs;
using Serverless.Core.Storage;
using Serverless.Core.Users;

namespace Serverless.Functions.Users;

/// <summary>Thin shells over Core's user-fetch run: every body hands over.</summary>
public sealed class UserFetchFunctions(RunsHttpApi api, FetchUserActivity fetchUser, WriteUserResultsActivity writeResults)
{
    [Function("StartUserFetch")]
    public Task<IActionResult> Start(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "users/fetch")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        api.StartUserFetchAsync(request, client, cancellationToken);

    [Function(nameof(UserFetchOrchestrator))]
    public Task<RunSummary> Orchestrate([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new UserFetchOrchestrator().RunAsync(context, context.GetInput<UserFetchRunInput>()!);

    [Function(nameof(UserFetchChunkOrchestrator))]
    public Task<List<UserFetchOutcome>> OrchestrateChunk([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new UserFetchChunkOrchestrator().RunAsync(context, context.GetInput<UserFetchChunk>()!);

    [Function(nameof(FetchUserActivity))]
    public Task<UserFetchOutcome> FetchUser([ActivityTrigger] FetchUserInput input) =>
        fetchUser.RunAsync(new FunctionActivityContext(nameof(FetchUserActivity), input.RunId), input);

    [Function(nameof(WriteUserResultsActivity))]
    public Task<bool> WriteResults([ActivityTrigger] UserRunResults input) =>
        writeResults.RunAsync(new FunctionActivityContext(nameof(WriteUserResultsActivity), input.Manifest.RunId), input);
}
