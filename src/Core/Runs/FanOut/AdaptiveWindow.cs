namespace Serverless.Core.Runs.FanOut;

/// <summary>
/// AIMD concurrency window (items in flight), as TCP congestion control: it starts at the cap (MaxConcurrency), halves when a
/// batch met 429/503, and grows by about one item per window's worth of clean completions, never above the cap.
/// It is driven only by activity results in completion order, so an orchestration replay computes the same windows.
/// A decrease is taken once per "round": batches started before the last decrease report congestion the window already
/// answered, so they do not halve it again.
/// </summary>
public sealed class AdaptiveWindow(int maxConcurrency, bool adaptive)
{
    readonly int maxConcurrency = Math.Max(1, maxConcurrency);
    double window = Math.Max(1, maxConcurrency);

    /// <summary>Increases with each decrease; batches remember the round they started in.</summary>
    public int Round { get; private set; }

    public int Current => (int)Math.Floor(window);

    public void OnReport(BatchReport report, int startedInRound)
    {
        if (!adaptive)
        {
            return;
        }

        if (report.Throttled > 0)
        {
            if (startedInRound == Round)
            {
                window = Math.Max(1, Math.Floor(window / 2));
                Round++;
            }

            return;
        }

        window = Math.Min(maxConcurrency, window + (double)report.Done / Math.Max(1, window));
    }
}
