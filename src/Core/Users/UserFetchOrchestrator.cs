using Microsoft.DurableTask;
using Serverless.Core.Runs;
using Serverless.Core.Runs.FanOut;

namespace Serverless.Core.Users;

/// <summary>
/// A user-fetch run: batches of users through an adaptive window under the API's shared permits (see <see cref="FanOutRun"/>),
/// fanned in to Blob Storage. The window lives in the orchestration, not in a process, so the cap holds across the whole run
/// however many instances Azure scales out to.
/// </summary>
public sealed class UserFetchOrchestrator : TaskOrchestrator<RunPlan, RunSummary>
{
    public override Task<RunSummary> RunAsync(TaskOrchestrationContext context, RunPlan input) =>
        FanOutRun.RunAsync(context, input, nameof(FetchUserBatchActivity), nameof(UserFetchChunkOrchestrator));
}
