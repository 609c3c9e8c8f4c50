using Microsoft.DurableTask;

namespace Serverless.Core.Runs.FanOut;

/// <summary>
/// The fan-out loop every orchestration of a run shares: start what fits, wait for the first to finish or for the stop event,
/// count it (a task that failed gets a report made for it), start what fits again. A stop, from the event or from the counting,
/// ends scheduling and lets what runs finish. Batches in a window and chunks in lanes differ only in what fits and how they
/// count. A window may also wait for signals of its own (a pause's end): while it holds work back for one, it keeps waiting
/// even with nothing running. Runs inside an orchestrator, so it is replayed: it only awaits durable tasks.
/// </summary>
public abstract class SlidingWindow<TReport>
{
    readonly Dictionary<Task<TReport>, int> running = [];

    public StopReason? StoppedBecause { get; private set; }

    /// <summary>The indexes of the work started and not yet finished.</summary>
    protected IEnumerable<int> Running => running.Values;

    public async Task<StopReason?> RunAsync(Task<StopReason> stop)
    {
        StartWhatFits();
        Publish();
        bool stopSeen = false;
        while (running.Count > 0 || (StoppedBecause is null && HoldingBack))
        {
            IEnumerable<Task> waits = running.Keys.Concat(Signals);
            Task first = await Task.WhenAny(stopSeen ? waits : waits.Append(stop));
            if (first == stop)
            {
                stopSeen = true;
                Stop(await stop);
                continue;
            }

            if (first is not Task<TReport> done || !running.TryGetValue(done, out int index))
            {
                OnSignal(first);
                StartWhatFits();
                Publish();
                continue;
            }

            running.Remove(done);
            TReport report;
            try
            {
                report = await done;
            }
            catch (TaskFailedException)
            {
                report = ReportForFailed(index);
            }

            Count(index, report);
            StartWhatFits();
            Publish();
        }

        return StoppedBecause;
    }

    /// <summary>Starts the next piece of work if one is left and fits; its index identifies it to the other hooks.</summary>
    protected abstract bool TryStartNext(out int index, out Task<TReport> started);

    /// <summary>The report of work whose task failed: every item of it failed.</summary>
    protected abstract TReport ReportForFailed(int index);

    /// <summary>Frees what the finished work held and counts its outcome; may <see cref="Stop"/> the window.</summary>
    protected abstract void Count(int index, TReport report);

    /// <summary>After the first starts, and after each count and the starts it allowed: the moment to publish progress.</summary>
    protected abstract void Publish();

    /// <summary>Durable tasks the window waits for besides its work and the stop event; <see cref="OnSignal"/> when one finishes.</summary>
    protected virtual IEnumerable<Task> Signals => [];

    /// <summary>Work is left that waits for a signal, not for running work: the window keeps waiting with nothing running.</summary>
    protected virtual bool HoldingBack => false;

    protected virtual void OnSignal(Task signal)
    {
    }

    /// <summary>What else a stop means beyond starting nothing more (chunks forward it to the running ones).</summary>
    protected virtual void OnStop(StopReason reason)
    {
    }

    protected void Stop(StopReason reason)
    {
        if (StoppedBecause is null)
        {
            StoppedBecause = reason;
            OnStop(reason);
        }
    }

    void StartWhatFits()
    {
        while (StoppedBecause is null && TryStartNext(out int index, out Task<TReport> started))
        {
            running.Add(started, index);
        }
    }
}
