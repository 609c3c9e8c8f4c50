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
        var outcomes = new List<UserFetchOutcome>(ids.Count);
        var inFlight = new Dictionary<Task<UserFetchOutcome>, int>();
        int next = 0, succeeded = 0, failed = 0;

        context.SetCustomStatus(new RunProgress(RunKinds.Users, ids.Count, 0, 0, 0));
        while (next < ids.Count || inFlight.Count > 0)
        {
            while (inFlight.Count < input.MaxConcurrency && next < ids.Count)
            {
                int userId = ids[next++];
                inFlight.Add(context.CallActivityAsync<UserFetchOutcome>(nameof(FetchUserActivity), new FetchUserInput(context.InstanceId, userId)), userId);
            }

            Task<UserFetchOutcome> done = await Task.WhenAny(inFlight.Keys);
            int doneId = inFlight[done];
            inFlight.Remove(done);
            UserFetchOutcome outcome = await OutcomeOf(done, doneId);
            outcomes.Add(outcome);
            if (outcome.Succeeded) succeeded++; else failed++;
            context.SetCustomStatus(new RunProgress(RunKinds.Users, ids.Count, succeeded, failed, inFlight.Count));
        }

        DateTime completedAt = context.CurrentUtcDateTime;
        RunFiles files = RunFolder.For(input.ResultsContainer, context.InstanceId);
        var manifest = new RunManifest(
            context.InstanceId,
            RunKinds.Users,
            new RunInputDescription(ids.Count, ids),
            new Dictionary<string, string>
            {
                ["UserApi:MaxConcurrency"] = input.MaxConcurrency.ToString(System.Globalization.CultureInfo.InvariantCulture),
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

    /// <summary>An activity that crashed (rather than returning a failure) still yields a listed failure.</summary>
    static async Task<UserFetchOutcome> OutcomeOf(Task<UserFetchOutcome> done, int userId)
    {
        try
        {
            return await done;
        }
        catch (TaskFailedException e)
        {
            return UserFetchOutcome.Failure(userId, 1, null, $"activity failed: {e.FailureDetails.ErrorType}: {e.FailureDetails.ErrorMessage}");
        }
    }
}
