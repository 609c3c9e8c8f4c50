namespace Serverless.Core.Runs.FanOut;

/// <summary>
/// The batch size (items per activity) a run uses when neither its request nor the configuration sets one. Every batch costs
/// the engine a round trip during which its share of the window waits, so batches should be few; but the window adapts, a stop
/// is seen and progress moves only between batches, so they should not be one per run either.
/// </summary>
public static class BatchSizing
{
    /// <summary>
    /// Waves of calls one user batch works through. Between two batches of a window its permits wait a round trip of the
    /// engine (about 0.2 s on Azurite), so a batch must last several of them: 1,000 users at cap 50 and 100 ms took 1.49 ×
    /// ideal at 5 waves and 1.27 × at 20; 10,000 users 1.37 × and 1.18 ×. The window still adapts, and a stop is still seen,
    /// every 20 call latencies (2 s at 100 ms).
    /// </summary>
    public const int WavesPerBatch = 20;

    /// <summary>
    /// Most articles one batch chosen here holds. A run's batches in flight share the instance's analysis slots group by group,
    /// so each lasts about as long as all of them together; in the runner nothing renews an activity's lock, so that must stay
    /// well within the 1-minute visibility timeout: 8 batches of 100 abstracts take about 16 s on 2 cores.
    /// </summary>
    public const int MaxArticlesPerBatch = 100;

    public const int Max = 1_000;

    /// <summary>
    /// Users: the items one window works through (the run, or one chunk of a larger one) in waves of <paramref name="window"/>
    /// calls, split evenly into batches of at most <see cref="WavesPerBatch"/> waves. A run of up to twenty waves is one batch.
    /// </summary>
    public static int ForCalls(int items, int window)
    {
        int waves = Ceiling(Math.Max(1, items), Math.Max(1, window));
        int batches = Ceiling(waves, WavesPerBatch);
        return Math.Clamp(Ceiling(Math.Max(1, items), batches), 1, Max);
    }

    /// <summary>The batch size for a user run of <paramref name="items"/> in chunks of <paramref name="chunkSize"/> under its cap.</summary>
    public static int ForUserRun(int items, int chunkSize, int maxConcurrency)
    {
        int chunks = Ceiling(Math.Max(1, items), chunkSize);
        int window = chunks <= 1 ? maxConcurrency : Math.Max(1, maxConcurrency / FanOutRun.LanesFor(chunks, maxConcurrency));
        return ForCalls(Math.Min(items, chunkSize), window);
    }

    /// <summary>
    /// Articles: one batch per activity slot of the run, in as few rounds of slots as keep a batch within
    /// <see cref="MaxArticlesPerBatch"/>. A round's batches start together and share the analysis slots to the end, so a second
    /// round buys no balance, only more episodes, messages and queue polls on the cores the analyses use (about 855 requests to
    /// Azurite for 500 abstracts in two rounds of 32, 705 in one of 63): two rounds took 1.18 × the bare engine, one 1.11 ×, one
    /// round of 4 batches of 125 1.09 × (medians of 4; the spread of single runs is ±0.06).
    /// </summary>
    public static int ForArticles(int items, int activitySlots)
    {
        int count = Math.Max(1, items);
        int slots = Math.Max(1, activitySlots);
        int rounds = Ceiling(count, slots * MaxArticlesPerBatch);
        return Math.Clamp(Ceiling(count, slots * rounds), 1, MaxArticlesPerBatch);
    }

    static int Ceiling(int value, int divisor) => (value + divisor - 1) / divisor;
}
