using Microsoft.DurableTask;
using Serverless.Core.Runs.Limits;
using Serverless.Core.Storage;

namespace Serverless.Core.Runs.FanOut;

/// <summary>
/// One chunk of a run inside an orchestration: read its items, take its permits from the API limiter when the run has one (the
/// permits, not the configured share, are then its window's ceiling), run its batches, give the permits back.
/// </summary>
public static class FanOutChunk
{
    public static async Task<ChunkReport> RunAsync(
        TaskOrchestrationContext context, ChunkWork work, string batchActivity, Task<string> stop, Action<BatchReport, int> completed)
    {
        RunPlan plan = work.Plan;
        // The items are read while the permits are asked for: two round trips of the engine in the time of one.
        Task<List<string>> reading = context.CallActivityAsync<List<string>>(
            nameof(ReadChunkItemsActivity), new ChunkItemsRequest(plan.ResultsContainer, work.RunId, work.Chunk));
        if (plan.LimiterId is not { } limiter)
        {
            return await BatchWindow.RunAsync(context, work, await reading, batchActivity, work.Window, stop, completed);
        }

        int permits = await ApiPermits.AcquireAsync(context, limiter, work.Window, plan.MaxConcurrency, stop);
        List<string> items = await reading;
        if (permits == 0)
        {
            return new ChunkReport(items.Count, 0, 0, 0, 0, await stop);
        }

        try
        {
            return await BatchWindow.RunAsync(context, work, items, batchActivity, permits, stop, completed);
        }
        finally
        {
            ApiPermits.Release(context, limiter);
        }
    }
}
