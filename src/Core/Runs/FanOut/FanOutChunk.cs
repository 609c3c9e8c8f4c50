using System.Text.Json;
using Microsoft.DurableTask;
using Serverless.Core.Runs.Limits;
using Serverless.Core.Storage;

namespace Serverless.Core.Runs.FanOut;

/// <summary>
/// One chunk of a run inside an orchestration (the whole of a small run, or one chunk sub-orchestration of a large one): read its
/// items (of the run kind's item type) while taking its permits from the API limiter, run its batches through the window, give
/// the permits back.
/// </summary>
public static class FanOutChunk
{
    public static async Task<ChunkReport> RunAsync<TItem>(
        TaskOrchestrationContext context,
        ChunkWork work,
        string batchActivity,
        Task<StopReason> stop,
        Action<BatchWindow<TItem>> progressed)
    {
        // The items are read while the permits are asked for: two round trips of the engine in the time of one.
        Task<List<TItem>> reading = ReadItemsAsync<TItem>(context, work);
        int maxConcurrency = await TakePermitsAsync(context, work, stop);
        // Everything after a grant gives the permits back, a failure to read the items included: permits kept by a chunk that
        // failed would be lost to every later run against the API. The read is awaited even when stopped, so no activity result
        // arrives after the chunk has ended.
        try
        {
            List<TItem> items = await reading;
            if (maxConcurrency == 0)
            {
                return new ChunkReport(0, 0, await stop);
            }

            var window = new BatchWindow<TItem>(context, work, items, batchActivity, maxConcurrency, progressed);
            await window.RunAsync(stop);
            return window.Report;
        }
        finally
        {
            if (maxConcurrency > 0)
            {
                GiveBackPermits(context, work);
            }
        }
    }

    /// <summary>A chunk sub-orchestration: the same, publishing its own progress for the run's status to add up.</summary>
    public static Task<ChunkReport> RunAsChunkAsync<TItem>(TaskOrchestrationContext context, ChunkWork work, string batchActivity) =>
        RunAsync<TItem>(context, work, batchActivity, context.WaitForExternalEvent<StopReason>(RunEvents.Stop),
            window => context.SetCustomStatus(
                new RunProgress(work.Plan.Kind, window.Items, window.Succeeded, window.Failed, window.InFlight)));

    /// <summary>
    /// The items the plan carries, or the chunk's input blob: the activity hands its JSON over as it is, read here as the run
    /// kind's items.
    /// </summary>
    static Task<List<TItem>> ReadItemsAsync<TItem>(TaskOrchestrationContext context, ChunkWork work) =>
        work.Plan.Items is { } carried
            ? Task.FromResult(carried.Deserialize<List<TItem>>() ?? [])
            : context.CallActivityAsync<List<TItem>>(
                nameof(ReadChunkItemsActivity), new ChunkItemsRequest(work.Plan.ResultsContainer, work.RunId, work.Chunk));

    /// <summary>
    /// The chunk's MaxConcurrency: as planned without a limiter; with one, the permits the limiter grants of it (0 when stopped first).
    /// </summary>
    static Task<int> TakePermitsAsync(TaskOrchestrationContext context, ChunkWork work, Task<StopReason> stop) =>
        work.Plan.LimiterId is { } limiter
            ? ApiPermits.AcquireAsync(context, limiter, work.MaxConcurrency, work.Plan.MaxConcurrency, stop, work.Plan.AskLimiterAgainAfter)
            : Task.FromResult(work.MaxConcurrency);

    static void GiveBackPermits(TaskOrchestrationContext context, ChunkWork work)
    {
        if (work.Plan.LimiterId is { } limiter)
        {
            ApiPermits.Release(context, limiter);
        }
    }
}
