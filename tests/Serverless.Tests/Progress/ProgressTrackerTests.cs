using Serverless.Core.Runs;
using Serverless.Local.Runner;
using Xunit;

namespace Serverless.Tests.Progress;

public sealed class ProgressTrackerTests
{
    static RunStatus Status(int total, int succeeded, int failed, double elapsed, string status = "Running") =>
        new("run", "users", status, total, succeeded, failed, 3, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, elapsed, null, null);

    [Fact]
    public void A_done_count_lower_than_one_shown_is_held_back()
    {
        var tracker = new ProgressTracker();
        ProgressSnapshot first = tracker.Accept(Status(100, 40, 2, 2))!;
        tracker.Shown(first);

        Assert.Null(tracker.Accept(Status(100, 30, 2, 3)));
        Assert.NotNull(tracker.Accept(Status(100, 40, 2, 3)));
        Assert.False(tracker.HasChanged(tracker.Accept(Status(100, 40, 2, 3))!));
        Assert.True(tracker.HasChanged(tracker.Accept(Status(100, 41, 2, 3))!));
    }

    [Fact]
    public void A_done_count_above_the_total_is_held_back()
    {
        Assert.Null(new ProgressTracker().Accept(Status(10, 11, 0, 1)));
    }

    [Fact]
    public void Rate_and_eta_come_from_done_over_elapsed()
    {
        ProgressSnapshot s = ProgressSnapshot.From(Status(100, 45, 5, 10));
        Assert.Equal(50, s.Done);
        Assert.Equal(5.0, s.Rate, 6);
        Assert.Equal(TimeSpan.FromSeconds(10), s.Eta);

        Assert.Null(ProgressSnapshot.From(Status(100, 0, 0, 1)).Eta);
        Assert.Null(ProgressSnapshot.From(Status(100, 100, 0, 5, "Completed")).Eta);
    }
}
