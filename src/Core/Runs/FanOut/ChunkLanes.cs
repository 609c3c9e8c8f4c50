using Microsoft.DurableTask;

namespace Serverless.Core.Runs.FanOut;

/// <summary>
/// The chunks of a large run as sub-orchestrations, up to <see cref="FanOutRun.MaxLanes"/> side by side, the cap split between
/// the lanes so the items in flight never exceed it in total. Each chunk gets the run's remaining failure budget; a chunk past
/// it, or the run past it, stops the others.
/// </summary>
public sealed class ChunkLanes : SlidingWindow<ChunkReport>
{
    readonly TaskOrchestrationContext context;
    readonly RunPlan plan;
    readonly string chunkOrchestrator;
    readonly RunTracker run;
    readonly int allowedFailures;
    readonly int lanes;
    readonly Queue<int> freeLanes;
    readonly Dictionary<int, int> laneOfChunk = [];
    int next;

    public ChunkLanes(TaskOrchestrationContext context, RunPlan plan, string chunkOrchestrator, RunTracker run, int allowedFailures)
    {
        this.context = context;
        this.plan = plan;
        this.chunkOrchestrator = chunkOrchestrator;
        this.run = run;
        this.allowedFailures = allowedFailures;
        lanes = FanOutRun.LanesFor(plan.ChunkCount, plan.MaxConcurrency);
        freeLanes = new Queue<int>(Enumerable.Range(0, lanes));
    }

    public int Succeeded { get; private set; }

    public int Failed { get; private set; }

    protected override bool TryStartNext(out int index, out Task<ChunkReport> task)
    {
        (index, task) = (next, null!);
        if (next >= plan.ChunkCount || freeLanes.Count == 0)
        {
            return false;
        }

        int lane = freeLanes.Dequeue();
        int laneMaxConcurrency = plan.MaxConcurrency / lanes + (lane < plan.MaxConcurrency % lanes ? 1 : 0);
        var work = new ChunkWork(context.InstanceId, plan, next, laneMaxConcurrency, Math.Max(0, allowedFailures - Failed));
        task = context.CallSubOrchestratorAsync<ChunkReport>(
            chunkOrchestrator, work, new SubOrchestrationOptions { InstanceId = FanOutRun.ChunkId(context.InstanceId, next) });
        laneOfChunk[next] = lane;
        next++;
        return true;
    }

    protected override ChunkReport ReportForFailed(int index) =>
        new(0, Math.Min(plan.ChunkSize, plan.ItemCount - index * plan.ChunkSize), null);

    protected override void Count(int index, ChunkReport report)
    {
        freeLanes.Enqueue(laneOfChunk[index]);
        laneOfChunk.Remove(index);
        Succeeded += report.Succeeded;
        Failed += report.Failed;
        if (report.StoppedBecause == StopReason.FailureThreshold || Failed > allowedFailures)
        {
            Stop(StopReason.FailureThreshold);
        }
        else if (report.StoppedBecause is { } stopped)
        {
            // A chunk whose batch saw the run's cancel may report it before the run's own stop event arrives.
            Stop(stopped);
        }
    }

    /// <summary>The running chunks publish their own progress; the run's status names them so a reader can add it.</summary>
    protected override void Publish() => run.Show(Succeeded, Failed, 0, [.. Running]);

    protected override void OnStop(StopReason reason)
    {
        foreach (int chunk in Running)
        {
            context.SendEvent(FanOutRun.ChunkId(context.InstanceId, chunk), RunEvents.Stop, reason);
        }
    }
}
