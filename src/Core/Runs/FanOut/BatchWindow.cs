using Microsoft.DurableTask;
using Serverless.Core.Runs.Limits;

namespace Serverless.Core.Runs.FanOut;

/// <summary>
/// The batches of one orchestration (a small run, or one chunk of a large one) through an adaptive window of items in flight.
/// Each batch is one activity working on up to <see cref="RunPlan.BatchSize"/> items with at most the window's worth at once,
/// so the items in flight never exceed the window even when a batch is larger than it. Stops scheduling when told to stop or
/// when its failures exceed the run's remaining budget.
/// <para>
/// A ban pauses it: a batch that met one hands back the items it has no outcome for, which become a batch of their own, and
/// nothing starts until the pause ends (a durable timer); the API limiter is told, and pauses every run against the API. The
/// batches in flight meet the same ban and stop too: only a ban met by a batch started after the pause counts again, and that
/// second ban stops the window for good. A pause the limiter announces (another run's ban) holds the window the same way.
/// </para>
/// </summary>
public sealed class BatchWindow<TItem> : SlidingWindow<BatchReport>
{
    readonly TaskOrchestrationContext context;
    readonly ChunkWork work;
    readonly string activity;
    readonly List<TItem[]> batches;
    readonly bool soleBatch;
    readonly AdaptiveWindow window;
    readonly List<(int Concurrency, int Round, int Bans)> started = [];
    readonly Action<BatchWindow<TItem>> progressed;
    int next;
    int bans;
    TimeSpan lastPause;
    DateTime? pausedUntil;
    Task? pauseEnd;
    Task<DateTime>? limiterPause;
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
        batches = [.. items.Chunk(Math.Max(1, work.Plan.BatchSize))];
        soleBatch = batches.Count == 1;
        window = new AdaptiveWindow(maxConcurrency, work.Plan.Adaptive);
        Items = items.Count;
        if (work.Plan.LimiterId is not null)
        {
            limiterPause = context.WaitForExternalEvent<DateTime>(RunEvents.ApiPaused);
        }
    }

    public int Items { get; }

    public int Succeeded { get; private set; }

    public int Failed { get; private set; }

    /// <summary>Items being worked on right now: the calls the running batches may make at once.</summary>
    public int InFlight { get; private set; }

    public ChunkReport Report => new(Succeeded, Failed, StoppedBecause, results);

    protected override IEnumerable<Task> Signals =>
        new[] { pauseEnd, limiterPause }.OfType<Task>();

    protected override bool HoldingBack => pausedUntil is not null && next < batches.Count;

    protected override bool TryStartNext(out int index, out Task<BatchReport> task)
    {
        (index, task) = (next, null!);
        if (next >= batches.Count || pausedUntil is not null)
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
        // The sole batch writes the run's results; a batch of users tried again after a ban never is one.
        SoleBatchResults? sole = soleBatch && next == 0 ? work.SoleBatch : null;
        task = context.CallActivityAsync<BatchReport>(
            activity,
            new WorkBatch<TItem>(work.RunId, plan.ResultsContainer, work.Chunk, next, batch, concurrency, plan.Articles, sole, plan.UserApi));
        started.Add((concurrency, window.Round, bans));
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
        if (report.Ban is { } ban)
        {
            OnBan(index, ban);
        }

        if (report.CancelledBecause is { } cancelled)
        {
            Stop(StopReason.Cancel(cancelled));
        }

        if (Failed > work.FailureBudget)
        {
            Stop(StopReason.FailureThreshold);
        }
    }

    protected override void OnSignal(Task signal)
    {
        if (signal == pauseEnd)
        {
            // A queue's visibility delay is whole seconds, so a durable timer may fire up to a second early: wait out the rest.
            (pausedUntil, pauseEnd) = context.CurrentUtcDateTime < pausedUntil
                ? (pausedUntil, context.CreateTimer(pausedUntil.Value + BanPause.TimerGrace, CancellationToken.None))
                : (null, null);
        }
        else if (signal == limiterPause)
        {
            DateTime until = limiterPause.Result;
            limiterPause = context.WaitForExternalEvent<DateTime>(RunEvents.ApiPaused);
            PauseUntil(until);
        }
    }

    protected override void Publish() => progressed(this);

    void OnBan(int index, BatchBan ban)
    {
        TItem[] batch = batches[index];
        if (ban.NotDone.Length > 0)
        {
            batches.Add([.. ban.NotDone.Select(i => batch[i])]);
        }

        // Batches started before the last pause report the ban it answered.
        if (started[index].Bans != bans)
        {
            return;
        }

        bans++;
        if (bans > 1)
        {
            Stop(StopReason.BannedTwice($"403 again after a pause of {lastPause.TotalSeconds:0.#} s"));
            return;
        }

        lastPause = BanPause.For(work.Plan, ban.RetryAfter);
        DateTime until = context.CurrentUtcDateTime + lastPause;
        PauseUntil(until);
        if (work.Plan.LimiterId is { } limiter)
        {
            context.SendEvent(limiter, RunEvents.PermitRequest, new PermitRequest(PermitRequest.Ban, context.InstanceId, 0, 0, until));
        }
    }

    void PauseUntil(DateTime until)
    {
        if (until <= context.CurrentUtcDateTime || (pausedUntil is { } paused && paused >= until))
        {
            return;
        }

        pausedUntil = until;
        pauseEnd = context.CreateTimer(until, CancellationToken.None);
    }
}
