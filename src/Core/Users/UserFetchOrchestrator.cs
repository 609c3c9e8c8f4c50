using System.Globalization;
using Microsoft.DurableTask;
using Serverless.Core.Runs;
using Serverless.Core.Storage;

namespace Serverless.Core.Users;

/// <summary>
/// Fans out one activity per user through a sliding window of <see cref="UserFetchRunInput.MaxConcurrency"/>
/// (in chunks of sub-orchestrations when the run is large) and fans the outcomes in to Blob Storage. The window lives in the orchestration, not in a process,
/// so the cap holds across the whole run however many instances Azure scales out to.
/// </summary>
public sealed class UserFetchOrchestrator : TaskOrchestrator<UserFetchRunInput, RunSummary>
{
    public override async Task<RunSummary> RunAsync(TaskOrchestrationContext context, UserFetchRunInput input)
    {
        IReadOnlyList<int> ids = input.UserIds;
        var run = new RunTracker(context, RunKinds.Users, ids.Count);
        List<UserFetchOutcome> outcomes = await ChunkedFanOut.RunAsync(
            ids,
            input.MaxConcurrency,
            input.ChunkSize,
            (all, window) => UserFetchWindow.RunAsync(context, context.InstanceId, all, window, (outcome, inFlight) => run.Record(outcome.Succeeded, inFlight)),
            (index, chunk, window) => context.CallSubOrchestratorAsync<List<UserFetchOutcome>>(
                nameof(UserFetchChunkOrchestrator), new UserFetchChunk(context.InstanceId, chunk, window), ChunkedFanOut.ChunkOptions(context.InstanceId, index)),
            UserFetchWindow.Crashed,
            (chunk, inFlight) => run.Record(chunk.Select(o => o.Succeeded), inFlight));

        (RunManifest manifest, RunSummary summary) = run.Complete(
            new RunInputDescription(ids.Count, UserIds: ids),
            new Dictionary<string, string>
            {
                ["UserApi:MaxConcurrency"] = input.MaxConcurrency.ToString(CultureInfo.InvariantCulture),
                ["UserApi:BaseUrl"] = input.ApiBaseUrl,
                ["UserFetch:ChunkSize"] = input.ChunkSize.ToString(CultureInfo.InvariantCulture),
            },
            RunFolder.ForUsers(input.ResultsContainer, context.InstanceId));
        await context.CallActivityAsync<bool>(nameof(WriteUserResultsActivity), new UserRunResults(manifest, outcomes));
        return summary;
    }
}
