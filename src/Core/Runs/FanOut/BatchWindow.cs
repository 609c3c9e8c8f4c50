using Microsoft.DurableTask;

namespace Serverless.Core.Runs.FanOut;

/// <summary>
/// The batches of one orchestration (a small run, or one chunk of a large one) through an adaptive window of items in flight.
/// Each batch is one activity working on up to <see cref="RunPlan.BatchSize"/> items with at most the window's worth at once,
/// so the items in flight never exceed the window even when a batch is larger than it. Stops scheduling when told to stop or
/// when its failures exceed the run's remaining budget.
/// </summary>
public sealed class BatchWindow<TItem> : SlidingWindow<BatchReport>
{
    readonly TaskOrchestrationContext context;
    readonly ChunkWork work;
    readonly string activity;
    readonly TItem[][] batches;
    readonly AdaptiveWindow window;
    readonly (int Concurrency, int Round)[] started;
    readonly Action<BatchWindow<TItem>> progressed;
    int next;
    RunManifest? results;

    public BatchWindow(
        TaskOrchestrationContext context,
        ChunkWork work,
        IReadOnlyList<TItem> items,
        string activity,
        int maxConcurrency,
        Action<BatchWindow<TItem>> progressed)
    {
        this.context = context;
        this.work = work;
        this.activity = activity;
        this.progressed = progressed;
        batches = items.Chunk(Math.Max(1, work.Plan.BatchSize)).ToArray();
        started = new (int, int)[batches.Length];
        window = new AdaptiveWindow(maxConcurrency, work.Plan.Adaptive);
        Items = items.Count;
    }

    public int Items { get; }

    public int Succeeded { get; private set; }

    public int Failed { get; private set; }

    /// <summary>Items being worked on right now: the calls the running batches may make at once.</summary>
    public int InFlight { get; private set; }

    public ChunkReport Report => new(Succeeded, Failed, StoppedBecause, results);

    protected override bool TryStartNext(out int index, out Task<BatchReport> task)
    {
        (index, task) = (next, null!);
        if (next >= batches.Length)
        {
            return false;
        }

        TItem[] batch = batches[next];
        int concurrency = Math.Min(batch.Length, window.Current);
        if (InFlight > 0 && InFlight + concurrency > window.Current)
        {
            return false;
        }

        RunPlan plan = work.Plan;
        SoleBatchResults? sole = batches.Length == 1 ? work.SoleBatch : null;
        task = context.CallActivityAsync<BatchReport>(
            activity,
            new WorkBatch<TItem>(work.RunId, plan.ResultsContainer, work.Chunk, next, batch, concurrency, plan.Articles, sole, plan.UserApi));
        started[next] = (concurrency, window.Round);
        InFlight += concurrency;
        next++;
        return true;
    }

    // Its items have no outcome in the part blobs; the results writer lists them as failed with the reason.
    protected override BatchReport ReportForFailed(int index) => new(0, batches[index].Length, 0);

    protected override void Count(int index, BatchReport report)
    {
        InFlight -= started[index].Concurrency;
        Succeeded += report.Succeeded;
        Failed += report.Failed;
        results ??= report.Results;
        window.OnReport(report, started[index].Round);
        if (Failed > work.FailureBudget)
        {
            Stop(StopReason.FailureThreshold);
        }
    }

    protected override void Publish() => progressed(this);
}
