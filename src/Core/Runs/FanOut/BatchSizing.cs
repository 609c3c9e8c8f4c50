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

    /// <summary>Article batches per activity slot of a run: two rounds, so a slow batch at the end leaves little idle.</summary>
    public const int RoundsPerArticleRun = 2;

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

    /// <summary>Articles: enough batches for every activity slot of the run to get <see cref="RoundsPerArticleRun"/>.</summary>
    public static int ForArticles(int items, int activitySlots) =>
        Math.Clamp(Ceiling(Math.Max(1, items), Math.Max(1, activitySlots) * RoundsPerArticleRun), 1, Max);

    static int Ceiling(int value, int divisor) => (value + divisor - 1) / divisor;
}
