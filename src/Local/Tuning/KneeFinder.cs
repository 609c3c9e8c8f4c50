namespace Serverless.Local.Tuning;

/// <summary>One measured repetition: throughput (items per second) at a concurrency level.</summary>
public readonly record struct ThroughputSample(int Level, double Throughput);

/// <summary>The median throughput of one level over its repetitions.</summary>
public readonly record struct LevelThroughput(int Level, double Throughput, int Repetitions);

/// <summary>Where throughput stops paying for another worker, and the per-level medians it was judged on.</summary>
public sealed record Knee(int Level, double Throughput, IReadOnlyList<LevelThroughput> Levels);

/// <summary>
/// Finds the knee of a throughput-against-workers curve: the first level after which one more worker raises
/// throughput by less than <c>threshold</c> (5 % by default) of the throughput already reached.
/// Noise is handled two ways: each level is the median of its repetitions, and a level only counts as the knee
/// if no later level beats it by more than the threshold per added worker, so a single unlucky dip on a still
/// rising curve is walked past, while a plateau with jitter on it is still a plateau.
/// </summary>
public static class KneeFinder
{
    public const double DefaultThreshold = 0.05;

    public static Knee Find(IEnumerable<ThroughputSample> samples, double threshold = DefaultThreshold)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentOutOfRangeException.ThrowIfNegative(threshold);
        List<LevelThroughput> levels = samples
            .GroupBy(s => s.Level)
            .Select(g => new LevelThroughput(g.Key, EngineTimer.Median(g.Select(s => s.Throughput).ToList()), g.Count()))
            .OrderBy(l => l.Level)
            .ToList();
        if (levels.Count == 0)
        {
            throw new ArgumentException("no samples", nameof(samples));
        }

        for (int i = 0; i < levels.Count - 1; i++)
        {
            LevelThroughput here = levels[i];
            if (GainPerWorker(here, levels[i + 1]) < threshold
                && levels.Skip(i + 2).All(later => GainPerWorker(here, later) < threshold))
            {
                return new Knee(here.Level, here.Throughput, levels);
            }
        }

        // Every step paid off: the curve was still rising at the last level measured.
        LevelThroughput last = levels[^1];
        return new Knee(last.Level, last.Throughput, levels);
    }

    /// <summary>Relative throughput gain from <paramref name="from"/> to <paramref name="to"/>, per worker added.</summary>
    static double GainPerWorker(LevelThroughput from, LevelThroughput to) =>
        from.Throughput <= 0
            ? (to.Throughput > 0 ? double.PositiveInfinity : 0)
            : (to.Throughput / from.Throughput - 1) / (to.Level - from.Level);
}
