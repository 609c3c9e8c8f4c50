using Serverless.Local.Tuning;
using Xunit;

namespace Serverless.Tests.Tuning;

public sealed class KneeFinderTests
{
    static IEnumerable<ThroughputSample> Curve(params double[] throughputByLevel) =>
        throughputByLevel.Select((t, i) => new ThroughputSample(i + 1, t));

    [Fact]
    public void Flat_curve_has_its_knee_at_one_worker()
    {
        Assert.Equal(1, KneeFinder.Find(Curve(10, 10, 10, 10, 10, 10, 10, 10)).Level);
    }

    [Fact]
    public void Linear_curve_has_no_knee_so_the_last_level_is_recommended()
    {
        Knee knee = KneeFinder.Find(Curve(Enumerable.Range(1, 16).Select(n => 3.0 * n).ToArray()));
        Assert.Equal(16, knee.Level);
        Assert.Equal(48, knee.Throughput);
    }

    [Fact]
    public void Smt_like_curve_has_its_knee_at_the_physical_core_count()
    {
        // 4 physical cores, 8 logical: linear to 4, then each SMT sibling adds ~3 % of what 4 cores give.
        Knee knee = KneeFinder.Find(Curve(10, 20, 30, 40, 41.2, 42.4, 43.6, 44.8));
        Assert.Equal(4, knee.Level);
    }

    [Fact]
    public void Oversubscribed_curve_has_its_knee_at_the_peak()
    {
        Assert.Equal(2, KneeFinder.Find(Curve(10, 19, 18, 17.5)).Level);
    }

    [Fact]
    public void A_single_dip_on_a_rising_curve_is_walked_past()
    {
        // Level 3 was measured during a neighbour's build; 4..6 show the curve still climbs.
        Knee knee = KneeFinder.Find(Curve(10, 20, 20.5, 40, 50, 60));
        Assert.Equal(6, knee.Level);
    }

    [Fact]
    public void Noisy_repetitions_are_reduced_to_medians_before_the_knee_is_judged()
    {
        // SMT-like curve (+1.25 % per sibling), 3 repetitions per level with ±1.5 % noise, and in each level one
        // outlier pass far too fast or too slow: the outliers alone would put the knee anywhere.
        var truth = new[] { 10.0, 20, 30, 40, 40.5, 41, 41.5, 42 };
        var noise = new[] { 0.985, 1.015, 1.0 };
        var samples = new List<ThroughputSample>();
        for (int level = 1; level <= truth.Length; level++)
        {
            for (int rep = 0; rep < 3; rep++)
            {
                double outlier = rep == level % 3 ? (level % 2 == 0 ? 1.6 : 0.5) : 1;
                samples.Add(new ThroughputSample(level, truth[level - 1] * noise[(rep + level) % 3] * outlier));
            }
        }

        Knee knee = KneeFinder.Find(samples);

        Assert.Equal(4, knee.Level);
        Assert.All(knee.Levels, l => Assert.Equal(3, l.Repetitions));
        Assert.All(knee.Levels, l => Assert.InRange(l.Throughput, truth[l.Level - 1] * 0.95, truth[l.Level - 1] * 1.05));
    }

    [Fact]
    public void Jitter_on_a_plateau_stays_a_plateau()
    {
        Assert.Equal(2, KneeFinder.Find(Curve(10, 20, 20.6, 19.7, 20.9, 20.2, 21.0, 20.4)).Level);
    }

    [Fact]
    public void Levels_need_not_be_consecutive()
    {
        // 1, 2, 4, 8: gain is judged per worker added, so 4 -> 8 (+10 % over 4 workers) is flat.
        Knee knee = KneeFinder.Find([new(1, 10), new(2, 20), new(4, 40), new(8, 44)]);
        Assert.Equal(4, knee.Level);
    }

    [Fact]
    public void No_samples_is_an_error()
    {
        Assert.Throws<ArgumentException>(() => KneeFinder.Find([]));
    }
}
