using Microsoft.DurableTask;
using Serverless.Core.Runs;

namespace Serverless.Core.Users;

/// <summary>The user fetches of one orchestration (a whole small run, or one chunk of a large one) through a sliding window.</summary>
public static class UserFetchWindow
{
    public static Task<List<UserFetchOutcome>> RunAsync(
        TaskOrchestrationContext context, string runId, IReadOnlyList<int> ids, int window, Action<UserFetchOutcome, int> completed) =>
        SlidingWindow.RunAsync(
            ids,
            window,
            id => context.CallActivityAsync<UserFetchOutcome>(nameof(FetchUserActivity), new FetchUserInput(runId, id)),
            Crashed,
            completed);

    public static UserFetchOutcome Crashed(int id, TaskFailedException e) =>
        UserFetchOutcome.Failure(id, 1, null, $"activity failed: {e.FailureDetails.ErrorType}: {e.FailureDetails.ErrorMessage}");
}
