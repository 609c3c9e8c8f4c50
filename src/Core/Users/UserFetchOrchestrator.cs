using System.Globalization;
using Microsoft.DurableTask;
using Serverless.Core.Runs;
using Serverless.Core.Storage;

namespace Serverless.Core.Users;

/// <summary>
/// Fans out one activity per user through a sliding window of <see cref="UserFetchRunInput.MaxConcurrency"/>
/// and fans the outcomes in to Blob Storage. The window lives in the orchestration, not in a process,
/// so the cap holds across the whole run however many instances Azure scales out to.
/// </summary>
public sealed class UserFetchOrchestrator : TaskOrchestrator<UserFetchRunInput, RunSummary>
{
    public override async Task<RunSummary> RunAsync(TaskOrchestrationContext context, UserFetchRunInput input)
    {
        DateTime startedAt = context.CurrentUtcDateTime;
        IReadOnlyList<int> ids = input.UserIds;
        int succeeded = 0, failed = 0;

        context.SetCustomStatus(new RunProgress(RunKinds.Users, ids.Count, 0, 0, 0));
        List<UserFetchOutcome> outcomes = await SlidingWindow.RunAsync(
            ids,
            input.MaxConcurrency,
            id => context.CallActivityAsync<UserFetchOutcome>(nameof(FetchUserActivity), new FetchUserInput(context.InstanceId, id)),
            (id, e) => UserFetchOutcome.Failure(id, 1, null, $"activity failed: {e.FailureDetails.ErrorType}: {e.FailureDetails.ErrorMessage}"),
            (outcome, inFlight) =>
            {
                if (outcome.Succeeded) succeeded++; else failed++;
                context.SetCustomStatus(new RunProgress(RunKinds.Users, ids.Count, succeeded, failed, inFlight));
            });

        DateTime completedAt = context.CurrentUtcDateTime;
        RunFiles files = RunFolder.ForUsers(input.ResultsContainer, context.InstanceId);
        var manifest = new RunManifest(
            context.InstanceId,
            RunKinds.Users,
            new RunInputDescription(ids.Count, UserIds: ids),
            new Dictionary<string, string>
            {
                ["UserApi:MaxConcurrency"] = input.MaxConcurrency.ToString(CultureInfo.InvariantCulture),
                ["UserApi:BaseUrl"] = input.ApiBaseUrl,
            },
            startedAt,
            completedAt,
            (completedAt - startedAt).TotalSeconds,
            ids.Count,
            succeeded,
            failed,
            files);
        await context.CallActivityAsync<bool>(nameof(WriteUserResultsActivity), new UserRunResults(manifest, outcomes));
        return new RunSummary(context.InstanceId, RunKinds.Users, ids.Count, succeeded, failed, startedAt, completedAt, files);
    }
}
