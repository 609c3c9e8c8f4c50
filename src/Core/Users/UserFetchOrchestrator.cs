using Microsoft.DurableTask;
using Serverless.Core.Runs;
using Serverless.Core.Runs.FanOut;

namespace Serverless.Core.Users;

/// <summary>
/// A user-fetch run. Its items are read from the run's input blobs while the API limiter grants the run its permits; batches
/// of users then go through a window that never holds more calls than the permits (and shrinks on 429/503); each batch writes
/// its users to a part blob; the parts are fanned in to the run's result files. The window lives in the orchestration, not in a
/// process, so the cap holds across the whole run however many instances Azure scales out to.
/// </summary>
public sealed class UserFetchOrchestrator : TaskOrchestrator<RunPlan, RunSummary>
{
    public override async Task<RunSummary> RunAsync(TaskOrchestrationContext context, RunPlan plan)
    {
        var run = new FanOutRun(context, plan);
        StopReason? stoppedBecause = await run.WorkItemsAsync<int>(nameof(FetchUserBatchActivity), nameof(UserFetchChunkOrchestrator));
        return await run.WriteResultsAsync(stoppedBecause);
    }
}
