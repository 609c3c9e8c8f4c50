using Serverless.Core.Runs.FanOut;
using Xunit;

namespace Serverless.Tests.FanOut;

public sealed class AdaptiveWindowTests
{
    static readonly BatchReport Clean = new(1, 0, 0);
    static readonly BatchReport Throttled = new(1, 0, 1);

    [Fact]
    public void Starts_at_the_cap_and_halves_once_per_round_of_congestion()
    {
        var window = new AdaptiveWindow(20, adaptive: true);
        Assert.Equal(20, window.Current);

        // Three batches started in round 0 all met 429: the window answers the congestion once, not three times.
        window.OnReport(Throttled, startedInRound: 0);
        window.OnReport(Throttled, startedInRound: 0);
        window.OnReport(Throttled, startedInRound: 0);
        Assert.Equal(10, window.Current);

        // A batch started after the decrease that is still throttled halves it again.
        window.OnReport(Throttled, startedInRound: 1);
        Assert.Equal(5, window.Current);
    }

    [Fact]
    public void Grows_back_by_about_one_per_window_of_clean_completions_and_never_past_the_cap()
    {
        var window = new AdaptiveWindow(8, adaptive: true);
        window.OnReport(Throttled, 0);
        Assert.Equal(4, window.Current);

        // Each clean item adds 1/window: a window's worth of them (a little more, as it grows meanwhile) adds one.
        for (int i = 0; i < 5; i++)
        {
            window.OnReport(Clean, 1);
        }

        Assert.Equal(5, window.Current);
        for (int i = 0; i < 1000; i++)
        {
            window.OnReport(Clean, 1);
        }

        Assert.Equal(8, window.Current);
    }

    [Fact]
    public void Never_drops_below_one()
    {
        var window = new AdaptiveWindow(2, adaptive: true);
        for (int round = 0; round < 5; round++)
        {
            window.OnReport(Throttled, window.Round);
        }

        Assert.Equal(1, window.Current);
    }

    [Fact]
    public void Fixed_when_not_adaptive()
    {
        var window = new AdaptiveWindow(20, adaptive: false);
        window.OnReport(Throttled, 0);
        Assert.Equal(20, window.Current);
    }
}
