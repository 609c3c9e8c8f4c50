using Microsoft.DurableTask;

namespace Serverless.Core.Runs.FanOut;

/// <summary>
/// The fan-out loop every orchestration of a run shares: start what fits, wait for the first to finish or for the stop event,
/// count it (a task that failed gets a report made for it), start what fits again. A stop, from the event or from the counting,
/// ends scheduling and lets what runs finish. Batches in a window and chunks in lanes differ only in what fits and how they
/// count. Runs inside an orchestrator, so it is replayed: it only awaits durable tasks.
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
        while (running.Count > 0)
        {
            Task first = stopSeen ? await Task.WhenAny(running.Keys) : await Task.WhenAny(running.Keys.Append<Task>(stop));
            if (first == stop)
            {
                stopSeen = true;
                Stop(await stop);
                continue;
            }

            var done = (Task<TReport>)first;
            int index = running[done];
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
