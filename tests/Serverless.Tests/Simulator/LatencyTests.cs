using System.Diagnostics;
using Serverless.Simulator;
using Xunit;

namespace Serverless.Tests.Simulator;

[Collection(SimulatorCollection.Name)]
public sealed class LatencyTests
{
    [Fact]
    public async Task Latency_holds_the_request_and_jitter_spreads_it()
    {
        await using var simulator = await ApiSimulator.StartAsync(
            new SimulatorOptions { LatencyMs = 60, LatencyJitterMs = 50, ConcurrencyLimit = 0 });
        using var http = SimulatorHttp.ClientFor(simulator);
        using (var warmUp = await http.GetAsync("users/1"))
        {
            warmUp.EnsureSuccessStatusCode();
        }

        var durations = new List<double>();
        for (var id = 2; id <= 21; id++)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await http.GetAsync($"users/{id}");
            response.EnsureSuccessStatusCode();
            durations.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        // Lower bounds only (timers never fire early); upper bounds would make the test depend on machine load.
        Assert.All(durations, d => Assert.True(d >= 9, $"{d:F1} ms is below latency - jitter"));
        Assert.True(durations.Max() - durations.Min() >= 30, $"spread {durations.Max() - durations.Min():F1} ms");
    }

    [Fact]
    public async Task Rejections_are_immediate_not_delayed_by_the_latency()
    {
        await using var simulator = await ApiSimulator.StartAsync(new SimulatorOptions { LatencyMs = 2000, ConcurrencyLimit = 1 });
        using var http = SimulatorHttp.ClientFor(simulator);

        var slow = http.GetAsync("users/1");
        await SimulatorHttp.WaitUntilAsync(() => simulator.SnapshotCounters().CurrentInFlight == 1, TimeSpan.FromSeconds(5));
        var started = Stopwatch.GetTimestamp();
        using (var rejected = await http.GetAsync("users/2"))
        {
            Assert.Equal(System.Net.HttpStatusCode.TooManyRequests, rejected.StatusCode);
        }

        Assert.True(Stopwatch.GetElapsedTime(started) < TimeSpan.FromMilliseconds(1500));
        (await slow).Dispose();
    }
}
