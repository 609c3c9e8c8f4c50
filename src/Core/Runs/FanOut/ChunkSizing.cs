namespace Serverless.Core.Runs.FanOut;

/// <summary>
/// The chunk size a user run uses: at most the configured one, and chunks of equal size in whole rounds of lanes. A lane holds
/// its part of the cap only while its chunk runs, so a last round with fewer chunks than lanes would leave the idle lanes' permits
/// unused (22 chunks in 4 lanes: the last two on half the cap).
/// </summary>
public static class ChunkSizing
{
    public static int ForUserRun(int items, int maxChunkSize, int maxConcurrency)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxChunkSize, 1);
        int chunks = Ceiling(Math.Max(1, items), maxChunkSize);
        if (chunks <= 1)
        {
            return maxChunkSize;
        }

        int lanes = FanOutRun.LanesFor(chunks, maxConcurrency);
        int rounds = Ceiling(chunks, lanes);
        return Ceiling(items, rounds * lanes);
    }

    static int Ceiling(int value, int divisor) => (value + divisor - 1) / divisor;
}
