using Microsoft.DurableTask;
using Serverless.Core.Storage;

namespace Serverless.Core.Runs.FanOut;

/// <summary>
/// A whole run in its orchestrator. A run of one chunk works its batches directly; a larger one runs its chunks as
/// sub-orchestrations, up to <see cref="MaxLanes"/> side by side, the cap split between the lanes so the items in flight never
/// exceed it in total. Each chunk has its own short history, and the parent's holds a few events per chunk, so no history grows
/// past a few thousand events however large the run. A stop (cancel request, or the failure threshold crossed anywhere) stops
/// new work everywhere and lets what is in flight finish; the results are written either way, and a run past its threshold then
/// ends Failed with the reason.
/// </summary>
public static class FanOutRun
{
    public const int MaxLanes = 4;

    public static async Task<RunSummary> RunAsync(TaskOrchestrationContext context, RunPlan plan, string batchActivity, string chunkOrchestrator)
    {
        var run = new RunTracker(context, plan.Kind, plan.ItemCount);
        Task<string> stop = context.WaitForExternalEvent<string>(RunEvents.Stop);
        int allowed = plan.Tolerance.AllowedFailures(plan.ItemCount);
        string? stoppedBecause = plan.ChunkCount <= 1
            ? (await FanOutChunk.RunAsync(
                context, new ChunkWork(context.InstanceId, plan, 0, plan.MaxConcurrency, allowed), batchActivity, stop,
                (batch, inFlight) => run.Record(batch.Succeeded, batch.Failed, inFlight))).StoppedBecause
            : await RunChunksAsync(context, plan, chunkOrchestrator, run, stop, allowed);

        (string outcome, string? reason) = (stoppedBecause, run.Failed > allowed) switch
        {
            (_, true) or (BatchWindow.ThresholdReason, _) =>
                (RunOutcomes.Failed, $"{BatchWindow.ThresholdReason}: {run.Failed} of {plan.ItemCount} item(s) failed, tolerated {plan.Tolerance.Describe()}"),
            (null, false) => (RunOutcomes.Completed, null),
            ({ } why, false) => (RunOutcomes.Cancelled, why),
        };
        string missingReason = reason is null ? "no outcome recorded: its batch activity failed" : $"not attempted: run stopped ({reason})";
        RunManifest manifest = await context.CallActivityAsync<RunManifest>(
            nameof(WriteRunResultsActivity), new RunResultsRequest(run.Draft(plan, outcome, reason), missingReason));
        run.Finish(manifest);
        if (outcome == RunOutcomes.Failed)
        {
            throw new RunFailedException(reason!);
        }

        return RunSummary.From(manifest);
    }

    /// <summary>Chunks run side by side: at most <see cref="MaxLanes"/>, and never more than permits to share between them.</summary>
    public static int LanesFor(int chunks, int cap) => Math.Min(Math.Min(MaxLanes, cap), chunks);

    /// <summary>Deterministic, readable sub-orchestration ids: a re-run chunk keeps its id, and a stop can be sent to it.</summary>
    public static string ChunkId(string runId, int chunk) => $"{runId}-chunk-{chunk:D5}";

    static async Task<string?> RunChunksAsync(
        TaskOrchestrationContext context, RunPlan plan, string chunkOrchestrator, RunTracker run, Task<string> stop, int allowed)
    {
        int lanes = LanesFor(plan.ChunkCount, plan.MaxConcurrency);
        var freeLanes = new Queue<int>(Enumerable.Range(0, lanes));
        var running = new Dictionary<Task<ChunkReport>, (int Chunk, int Lane, int Share)>();
        int next = 0, inFlight = 0;
        string? stoppedBecause = null;
        bool stopSeen = false;

        void StopRunning(string reason)
        {
            stoppedBecause ??= reason;
            foreach ((int chunk, _, _) in running.Values)
            {
                context.SendEvent(ChunkId(context.InstanceId, chunk), RunEvents.Stop, reason);
            }
        }

        void StartWhatFits()
        {
            while (stoppedBecause is null && next < plan.ChunkCount && freeLanes.Count > 0)
            {
                int lane = freeLanes.Dequeue();
                int share = plan.MaxConcurrency / lanes + (lane < plan.MaxConcurrency % lanes ? 1 : 0);
                var work = new ChunkWork(context.InstanceId, plan, next, share, Math.Max(0, allowed - run.Failed));
                Task<ChunkReport> chunkTask = context.CallSubOrchestratorAsync<ChunkReport>(
                    chunkOrchestrator, work, new SubOrchestrationOptions { InstanceId = ChunkId(context.InstanceId, next) });
                running.Add(chunkTask, (next, lane, share));
                inFlight += share;
                next++;
            }
        }

        StartWhatFits();
        while (running.Count > 0)
        {
            Task first = stopSeen ? await Task.WhenAny(running.Keys) : await Task.WhenAny(running.Keys.Append<Task>(stop));
            if (first == stop)
            {
                stopSeen = true;
                StopRunning(await stop);
                continue;
            }

            var done = (Task<ChunkReport>)first;
            (int doneChunk, int doneLane, int doneShare) = running[done];
            running.Remove(done);
            freeLanes.Enqueue(doneLane);
            inFlight -= doneShare;
            ChunkReport report;
            try
            {
                report = await done;
            }
            catch (TaskFailedException)
            {
                int size = Math.Min(plan.ChunkSize, plan.ItemCount - doneChunk * plan.ChunkSize);
                report = new ChunkReport(size, 0, size, 0, 0, null);
            }

            run.Record(report.Succeeded, report.Failed, inFlight);
            if (report.StoppedBecause == BatchWindow.ThresholdReason || run.Failed > allowed)
            {
                StopRunning(BatchWindow.ThresholdReason);
            }

            StartWhatFits();
        }

        return stoppedBecause;
    }
}
