using Microsoft.DurableTask;
using Serverless.Core.Runs.Limits;
using Serverless.Core.Storage;

namespace Serverless.Core.Runs.FanOut;

/// <summary>
/// One chunk of a run inside an orchestration (the whole of a small run, or one chunk sub-orchestration of a large one): read its
/// items while taking its permits from the API limiter, run its batches through the window, give the permits back.
/// </summary>
public static class FanOutChunk
{
    public static async Task<ChunkReport> RunAsync(
        TaskOrchestrationContext context, ChunkWork work, string batchActivity, Task<string> stop, Action<BatchWindow> progressed)
    {
        // The items are read while the permits are asked for: two round trips of the engine in the time of one.
        Task<List<string>> reading = ReadItemsAsync(context, work);
        int permits = await TakePermitsAsync(context, work, stop);
        List<string> items = await reading;
        if (permits == 0)
        {
            return new ChunkReport(0, 0, await stop);
        }

        try
        {
            var window = new BatchWindow(context, work, items, batchActivity, permits, progressed);
            await window.RunAsync(stop);
            return window.Report;
        }
        finally
        {
            GiveBackPermits(context, work);
        }
    }

    /// <summary>A chunk sub-orchestration: the same, publishing its own progress for the run's status to add up.</summary>
    public static Task<ChunkReport> RunAsChunkAsync(TaskOrchestrationContext context, ChunkWork work, string batchActivity) =>
        RunAsync(context, work, batchActivity, context.WaitForExternalEvent<string>(RunEvents.Stop),
            window => context.SetCustomStatus(new RunProgress(work.Plan.Kind, window.Items, window.Succeeded, window.Failed, window.InFlight)));

    static Task<List<string>> ReadItemsAsync(TaskOrchestrationContext context, ChunkWork work) =>
        context.CallActivityAsync<List<string>>(
            nameof(ReadChunkItemsActivity), new ChunkItemsRequest(work.Plan.ResultsContainer, work.RunId, work.Chunk));

    /// <summary>The chunk's window share without a limiter; with one, what the limiter grants (0 when stopped first).</summary>
    static Task<int> TakePermitsAsync(TaskOrchestrationContext context, ChunkWork work, Task<string> stop) =>
        work.Plan.LimiterId is { } limiter
            ? ApiPermits.AcquireAsync(context, limiter, work.Window, work.Plan.MaxConcurrency, stop, work.Plan.AskLimiterAgainAfter)
            : Task.FromResult(work.Window);

    static void GiveBackPermits(TaskOrchestrationContext context, ChunkWork work)
    {
        if (work.Plan.LimiterId is { } limiter)
        {
            ApiPermits.Release(context, limiter);
        }
    }
}
