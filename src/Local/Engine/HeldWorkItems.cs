using System.Diagnostics;
using DurableTask.Core;
using Microsoft.Extensions.Logging;

namespace Serverless.Local.Engine;

/// <summary>
/// The work items the engine has locked and handed to the sidecar, for two things the sidecar's dispatcher does not do:
/// <list type="bullet">
/// <item>Renew an activity's lock. The Azure Storage provider hides a work-item message for the visibility timeout only; an
/// activity that runs longer has its message come back and run again in another process, while the first copy still runs. Every
/// activity work item is renewed every <c>renewEvery</c> (a third of the timeout) until it is completed or abandoned.</item>
/// <item>Drain before the process leaves (<see cref="DrainAsync"/>): the sidecar stops by waiting on work the worker may never
/// answer, and the provider then drops whatever it holds, so each held message, of this run or another process's, waited out the
/// visibility timeout.</item>
/// </list>
/// Orchestration work items are not renewed: an episode replays history and returns its actions in milliseconds, well within
/// the control queue's timeout; they are tracked for the drain only.
/// </summary>
sealed class HeldWorkItems(IOrchestrationService inner, TimeSpan? renewEvery, ILogger logger)
{
    static readonly TimeSpan FinishOrchestrationsWithin = TimeSpan.FromSeconds(1);
    static readonly TimeSpan ReadySessionWait = TimeSpan.FromMilliseconds(200);

    readonly Lock gate = new();
    readonly Dictionary<TaskActivityWorkItem, LockRenewal> activities = new(ReferenceEqualityComparer.Instance);
    readonly HashSet<TaskOrchestrationWorkItem> orchestrations = new(ReferenceEqualityComparer.Instance);

    // Abandoned by the drain while the worker still ran them: the sidecar's later completion of one must not reach the
    // provider, since its message may already be another process's.
    readonly HashSet<object> dropped = new(ReferenceEqualityComparer.Instance);
    readonly HashSet<TaskOrchestrationWorkItem> completing = new(ReferenceEqualityComparer.Instance);
    int ending;
    readonly CancellationTokenSource activitiesStopped = new();
    readonly CancellationTokenSource orchestrationsStopped = new();
    Task? draining;

    public async Task<TaskActivityWorkItem?> LockNextActivityAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken)
    {
        TaskActivityWorkItem? item = await LockUnlessStoppedAsync(
            token => inner.LockNextTaskActivityWorkItem(receiveTimeout, token), activitiesStopped.Token, cancellationToken);
        if (item is null)
        {
            return await IdleIfStoppedAsync<TaskActivityWorkItem>(activitiesStopped.Token, cancellationToken);
        }

        lock (gate)
        {
            if (!activitiesStopped.IsCancellationRequested)
            {
                activities[item] = renewEvery is { } every ? LockRenewal.Start(inner, item, every, logger) : LockRenewal.None;
                return item;
            }
        }

        // Locked as the drain began: back to the queue at once, for a process that stays.
        await inner.AbandonTaskActivityWorkItemAsync(item);
        return await IdleIfStoppedAsync<TaskActivityWorkItem>(activitiesStopped.Token, cancellationToken);
    }

    /// <summary>
    /// Passes on the completion or abandonment of <paramref name="item"/> (<paramref name="forward"/>), unless the drain abandoned
    /// it already; its renewal stops first, since a renewal in flight changes the pop receipt the completion's delete needs.
    /// </summary>
    public async Task EndActivityAsync(TaskActivityWorkItem item, Func<Task> forward)
    {
        LockRenewal? renewal;
        lock (gate)
        {
            if (!activities.Remove(item, out renewal) && dropped.Remove(item))
            {
                return;
            }

            ending++;
        }

        try
        {
            if (renewal is not null)
            {
                await renewal.StopAsync();
            }

            await forward();
        }
        finally
        {
            lock (gate)
            {
                ending--;
            }
        }
    }

    public async Task<TaskOrchestrationWorkItem?> LockNextOrchestrationAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken)
    {
        TaskOrchestrationWorkItem? item = await LockUnlessStoppedAsync(
            token => inner.LockNextTaskOrchestrationWorkItemAsync(receiveTimeout, token), orchestrationsStopped.Token, cancellationToken);
        if (item is null)
        {
            return await IdleIfStoppedAsync<TaskOrchestrationWorkItem>(orchestrationsStopped.Token, cancellationToken);
        }

        lock (gate)
        {
            if (!orchestrationsStopped.IsCancellationRequested)
            {
                orchestrations.Add(item);
                return item;
            }
        }

        await AbandonAndReleaseAsync(item);
        return await IdleIfStoppedAsync<TaskOrchestrationWorkItem>(orchestrationsStopped.Token, cancellationToken);
    }

    /// <summary>Passes on the completion or abandonment of <paramref name="item"/>, unless the drain abandoned it already.</summary>
    public async Task EndOrchestrationAsync(TaskOrchestrationWorkItem item, Func<Task> forward)
    {
        lock (gate)
        {
            if (dropped.Contains(item))
            {
                return;
            }

            ending++;
            completing.Add(item);
        }

        try
        {
            await forward();
        }
        finally
        {
            lock (gate)
            {
                ending--;
                completing.Remove(item);
            }
        }
    }

    /// <summary>Whether the release of <paramref name="item"/> is still this engine's to pass on (the drain released it otherwise).</summary>
    public bool ReleasesOrchestration(TaskOrchestrationWorkItem item)
    {
        lock (gate)
        {
            return orchestrations.Remove(item) || !dropped.Remove(item);
        }
    }

    /// <summary>
    /// Stops locking activities, lets the worker finish those it holds for up to <paramref name="finishWithin"/> while
    /// orchestrations still run (a finished activity's result is an orchestration message this process may hold), abandons the
    /// rest, then does the same for orchestrations, and abandons every session the provider had buffered, so every message this
    /// process held is visible again when it leaves. Once; later calls wait for the first.
    /// </summary>
    public Task DrainAsync(TimeSpan finishWithin)
    {
        lock (gate)
        {
            return draining ??= DrainOnceAsync(finishWithin);
        }
    }

    async Task DrainOnceAsync(TimeSpan finishWithin)
    {
        await Task.Yield();
        var clock = Stopwatch.StartNew();
        lock (gate)
        {
            activitiesStopped.Cancel();
        }

        await WaitUntilAsync(() => activities.Count == 0, finishWithin);
        int abandonedActivities = 0;
        foreach (TaskActivityWorkItem item in Snapshot(activities.Keys))
        {
            LockRenewal? renewal;
            lock (gate)
            {
                if (!activities.Remove(item, out renewal))
                {
                    continue;
                }

                dropped.Add(item);
            }

            await renewal.StopAsync();
            await TryAsync(() => inner.AbandonTaskActivityWorkItemAsync(item), "abandon an activity");
            abandonedActivities++;
        }

        lock (gate)
        {
            orchestrationsStopped.Cancel();
        }

        await WaitUntilAsync(() => orchestrations.Count == 0, FinishOrchestrationsWithin);
        int abandonedOrchestrations = 0;
        foreach (TaskOrchestrationWorkItem item in Snapshot(orchestrations))
        {
            lock (gate)
            {
                // One being completed is left to finish: its episode is done, and abandoning it would run it twice.
                if (completing.Contains(item) || !orchestrations.Remove(item))
                {
                    continue;
                }

                dropped.Add(item);
            }

            await AbandonAndReleaseAsync(item);
            abandonedOrchestrations++;
        }

        abandonedOrchestrations += await AbandonReadySessionsAsync();
        await WaitUntilAsync(() => ending == 0, FinishOrchestrationsWithin);
        if (abandonedActivities + abandonedOrchestrations > 0)
        {
            logger.LogWarning(
                "Drained in {Seconds:F1} s: {Activities} activities and {Orchestrations} orchestration sessions put back on their queues.",
                clock.Elapsed.TotalSeconds,
                abandonedActivities,
                abandonedOrchestrations);
        }
    }

    /// <summary>
    /// The sessions the provider had read from its control queues but not yet handed out: dropped with the process, their
    /// messages would stay hidden for the control queue's visibility timeout.
    /// </summary>
    async Task<int> AbandonReadySessionsAsync()
    {
        int count = 0;
        while (true)
        {
            using var wait = new CancellationTokenSource(ReadySessionWait);
            TaskOrchestrationWorkItem? item;
            try
            {
                item = await inner.LockNextTaskOrchestrationWorkItemAsync(ReadySessionWait, wait.Token);
            }
            catch (OperationCanceledException)
            {
                return count;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Could not read the sessions the provider holds while draining.");
                return count;
            }

            if (item is null)
            {
                return count;
            }

            await AbandonAndReleaseAsync(item);
            count++;
        }
    }

    List<T> Snapshot<T>(IEnumerable<T> held)
    {
        lock (gate)
        {
            return [.. held];
        }
    }

    async Task AbandonAndReleaseAsync(TaskOrchestrationWorkItem item)
    {
        await TryAsync(() => inner.AbandonTaskOrchestrationWorkItemAsync(item), "abandon an orchestration");
        await TryAsync(() => inner.ReleaseTaskOrchestrationWorkItemAsync(item), "release an orchestration");
    }

    async Task TryAsync(Func<Task> action, string what)
    {
        try
        {
            await action();
        }
        catch (Exception e)
        {
            // Best effort: the message comes back after its visibility timeout all the same.
            logger.LogWarning(e, "Could not {What} while draining.", what);
        }
    }

    async Task WaitUntilAsync(Func<bool> done, TimeSpan within)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < within)
        {
            lock (gate)
            {
                if (done())
                {
                    return;
                }
            }

            await Task.Delay(50);
        }
    }

    static async Task<T?> LockUnlessStoppedAsync<T>(
        Func<CancellationToken, Task<T>> lockNext, CancellationToken stopped, CancellationToken cancellationToken)
        where T : class
    {
        if (stopped.IsCancellationRequested)
        {
            return null;
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stopped);
        try
        {
            return await lockNext(linked.Token);
        }
        catch (OperationCanceledException) when (stopped.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>
    /// Nothing to hand out. While draining, waits for the dispatcher to stop rather than return at once: it asks again as soon as
    /// it gets nothing, and a throw not of its own cancellation reads to it as a failure.
    /// </summary>
    static async Task<T?> IdleIfStoppedAsync<T>(CancellationToken stopped, CancellationToken cancellationToken) where T : class
    {
        if (stopped.IsCancellationRequested)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        return null;
    }
}
