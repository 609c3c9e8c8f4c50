namespace Serverless.Simulator;

/// <summary>
/// A reproducible random stream shared by concurrent requests. The lock makes the sequence of draws
/// a pure function of the seed and the order requests reach the draw, which is what lets a test
/// assert "same seed → same failures" for sequential traffic and "same failure count" for any traffic.
/// SplitMix64 rather than <see cref="Random"/> so the sequence cannot change with the runtime.
/// </summary>
internal sealed class SeededRandom(int seed, int stream)
{
    // Independent streams per purpose, so e.g. enabling jitter does not shift which requests fail.
    private readonly ulong _start = StableHash.Mix((ulong)(uint)seed, (ulong)(uint)stream);
    private readonly Lock _lock = new();
    private ulong _state = StableHash.Mix((ulong)(uint)seed, (ulong)(uint)stream);

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble()
    {
        ulong bits;
        lock (_lock)
        {
            _state += 0x9E3779B97F4A7C15UL;
            bits = StableHash.Finalise(_state);
        }

        return (bits >> 11) * (1.0 / (1UL << 53));
    }

    /// <summary>Uniform integer in [minInclusive, maxInclusive].</summary>
    public int NextInclusive(int minInclusive, int maxInclusive) =>
        minInclusive + (int)Math.Floor(NextDouble() * ((long)maxInclusive - minInclusive + 1));

    /// <summary>Back to the first draw, so a reset simulator repeats the same fault sequence.</summary>
    public void Restart()
    {
        lock (_lock)
        {
            _state = _start;
        }
    }
}
