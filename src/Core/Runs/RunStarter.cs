using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Serverless.Core.Runs.FanOut;
using Serverless.Core.Runs.Limits;
using Serverless.Core.Storage;

namespace Serverless.Core.Runs;

/// <summary>
/// Starts a run: its items go to blobs (the orchestration input is the plan, with the items only when they are few) while the API
/// limiter the run will ask for permits is made sure to be running, then the run is scheduled.
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
        // The input and the limiter do not wait for each other; the run waits for both.
        Task writing = items.WriteInputAsync(plan.ResultsContainer, runId, runItems, plan.ChunkSize, cancellationToken);
        Task limiterRunning = plan.LimiterId is { } limiter ? ApiLimiter.EnsureStartedAsync(client, limiter, cancellationToken) : Task.CompletedTask;
        await Task.WhenAll(writing, limiterRunning);
        plan = plan.CarryingSmall(runItems);

        return await client.ScheduleNewOrchestrationInstanceAsync(orchestrator, plan, new StartOrchestrationOptions(runId), cancellationToken);
    }

    /// <summary>Sortable by start time, unique, and safe as a blob folder name.</summary>
    public string NewRunId(string kind) => $"{kind}-{time.GetUtcNow():yyyyMMdd-HHmmss}-{Guid.NewGuid().ToString("N")[..8]}";
}
