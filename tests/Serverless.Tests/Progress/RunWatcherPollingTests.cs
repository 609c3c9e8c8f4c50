using Serverless.Local.Runner;
using Xunit;

namespace Serverless.Tests.Progress;

public sealed class RunWatcherPollingTests
{
    [Theory]
    [InlineData(0, 100)]
    [InlineData(1.5, 100)]
    [InlineData(2, 100)]
    [InlineData(10, 500)]
    [InlineData(20, 1000)]
    [InlineData(3600, 1000)]
    public void A_run_is_read_again_after_a_twentieth_of_its_age_between_100_ms_and_a_second(double ageSeconds, int expectedMs)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), RunWatcher.PollDelay(TimeSpan.FromSeconds(ageSeconds)));
    }

    [Fact]
    public void A_twelve_second_run_is_read_about_half_as_often_as_every_100_ms()
    {
        int reads = 0;
        for (var age = TimeSpan.Zero; age < TimeSpan.FromSeconds(12); age += RunWatcher.PollDelay(age))
        {
            reads++;
        }

        Assert.InRange(reads, 40, 60);
    }
}
