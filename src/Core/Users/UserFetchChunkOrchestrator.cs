using Microsoft.DurableTask;

namespace Serverless.Core.Users;

/// <summary>One chunk of a large user-fetch run, as a sub-orchestration with a history of its own.</summary>
public sealed class UserFetchChunkOrchestrator : TaskOrchestrator<UserFetchChunk, List<UserFetchOutcome>>
{
    public override Task<List<UserFetchOutcome>> RunAsync(TaskOrchestrationContext context, UserFetchChunk input) =>
        UserFetchWindow.RunAsync(context, input.RunId, input.UserIds, input.Window, (_, _) => { });
}
