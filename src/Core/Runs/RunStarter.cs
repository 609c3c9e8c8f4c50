using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Serverless.Core.Runs.FanOut;
using Serverless.Core.Runs.Limits;
using Serverless.Core.Storage;

namespace Serverless.Core.Runs;

/// <summary>
/// Starts a run: its items go to blobs first (the orchestration input is the plan, with the items only when they are few), then
/// the API limiter the run will ask for permits is made sure to be running, then the run is scheduled.
/// </summary>
public sealed class RunStarter(RunItemStore items, TimeProvider time)
{
    public async Task<string> StartAsync<TItem>(
        DurableTaskClient client,
        string orchestrator,
        string runId,
        IReadOnlyList<TItem> runItems,
        RunPlan plan,
        CancellationToken cancellationToken)
    {
        // Written even when the plan carries the items: the results writer and a redrive read the run's input from these.
        await items.WriteInputAsync(plan.ResultsContainer, runId, runItems, plan.ChunkSize, cancellationToken);
        plan = plan.CarryingSmall(runItems);
        if (plan.LimiterId is { } limiter)
        {
            await ApiLimiter.EnsureStartedAsync(client, limiter, cancellationToken);
        }

        return await client.ScheduleNewOrchestrationInstanceAsync(orchestrator, plan, new StartOrchestrationOptions(runId), cancellationToken);
    }

    /// <summary>Sortable by start time, unique, and safe as a blob folder name.</summary>
    public string NewRunId(string kind) => $"{kind}-{time.GetUtcNow():yyyyMMdd-HHmmss}-{Guid.NewGuid().ToString("N")[..8]}";
}
