using Serverless.Core.Runs.FanOut;
using Xunit;

namespace Serverless.Tests.FanOut;

public sealed class FailureToleranceTests
{
    [Theory]
    [InlineData(null, null, 100, int.MaxValue)]
    [InlineData(5, null, 100, 5)]
    [InlineData(null, 10.0, 100, 10)]
    [InlineData(null, 10.0, 55, 5)]
    [InlineData(3, 10.0, 100, 3)]
    [InlineData(30, 10.0, 100, 10)]
    [InlineData(0, null, 100, 0)]
    public void Allows_the_stricter_of_count_and_percent(int? count, double? percent, int total, int allowed) =>
        Assert.Equal(allowed, new FailureTolerance(count, percent).AllowedFailures(total));
}
