using System.Net;
using System.Net.Http.Json;
using Serverless.Simulator;
using Xunit;

namespace Serverless.Tests.Simulator;

[Collection(SimulatorCollection.Name)]
public sealed class ConcurrencyLimitTests
{
    [Fact]
    public async Task Burst_over_the_limit_gets_exactly_the_excess_rejected_with_retry_after()
    {
        // Latency far above the time 30 connections take to arrive, so the burst truly overlaps.
        await using var simulator = await ApiSimulator.StartAsync(
            new SimulatorOptions { LatencyMs = 1500, ConcurrencyLimit = 10, RetryAfterSeconds = 1 });
        using var http = SimulatorHttp.ClientFor(simulator);

        var results = await SimulatorHttp.BurstAsync(http, 30);

        Assert.Equal(10, results.Count(r => r.Status == HttpStatusCode.OK));
        var rejected = results.Where(r => r.Status == HttpStatusCode.TooManyRequests).ToList();
        Assert.Equal(20, rejected.Count);
        Assert.All(rejected, r => Assert.Equal(TimeSpan.FromSeconds(1), r.RetryAfter));

        var stats = simulator.Snapshot();
        Assert.Equal(30, stats.Requests);
        Assert.Equal(10, stats.Ok);
        Assert.Equal(20, stats.TooManyRequests);
        Assert.True(stats.MaxInFlight <= 10, $"MaxInFlight {stats.MaxInFlight}");
        Assert.Equal(10, stats.MaxInFlight);
        Assert.Equal(0, stats.CurrentInFlight);
        Assert.False(stats.IsBanned);
    }

    [Fact]
    public async Task Lowering_the_limit_mid_run_refuses_new_arrivals_until_in_flight_drops_below_it()
    {
        await using var simulator = await ApiSimulator.StartAsync(new SimulatorOptions { LatencyMs = 1000, ConcurrencyLimit = 20 });
        using var http = SimulatorHttp.ClientFor(simulator);

        var running = SimulatorHttp.BurstAsync(http, 20);
        await SimulatorHttp.WaitUntilAsync(() => simulator.SnapshotCounters().CurrentInFlight == 20, TimeSpan.FromSeconds(5));

        simulator.SetConcurrencyLimit(5);
        using (var late = await http.GetAsync("users/99"))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, late.StatusCode);
            Assert.NotNull(late.Headers.RetryAfter?.Delta);
        }

        // Already admitted requests keep their slots: a real server does not drop work it accepted.
        Assert.All(await running, r => Assert.Equal(HttpStatusCode.OK, r.Status));

        var results = await SimulatorHttp.BurstAsync(http, 8);
        Assert.Equal(5, results.Count(r => r.Status == HttpStatusCode.OK));
        Assert.Equal(3, results.Count(r => r.Status == HttpStatusCode.TooManyRequests));
        Assert.Equal(5, simulator.SnapshotCounters().ConcurrencyLimit);
    }

    [Fact]
    public async Task Admin_endpoint_sets_the_limit_for_other_processes()
    {
        await using var simulator = await ApiSimulator.StartAsync(new SimulatorOptions { LatencyMs = 600, ConcurrencyLimit = 20 });
        using var http = SimulatorHttp.ClientFor(simulator);

        using (var response = await http.PostAsync("admin/limit/2", content: null))
        {
            response.EnsureSuccessStatusCode();
            var body = await response.Content.ReadFromJsonAsync(SimulatorJsonContext.Default.LimitChanged);
            Assert.Equal(2, body?.ConcurrencyLimit);
        }

        var results = await SimulatorHttp.BurstAsync(http, 5);
        Assert.Equal(2, results.Count(r => r.Status == HttpStatusCode.OK));
        Assert.Equal(3, results.Count(r => r.Status == HttpStatusCode.TooManyRequests));

        using var invalid = await http.PostAsync("admin/limit/-1", content: null);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
    }

    [Fact]
    public async Task Zero_means_unlimited()
    {
        await using var simulator = await ApiSimulator.StartAsync(new SimulatorOptions { LatencyMs = 600, ConcurrencyLimit = 0 });
        using var http = SimulatorHttp.ClientFor(simulator);

        var results = await SimulatorHttp.BurstAsync(http, 40);

        Assert.All(results, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        Assert.Equal(40, simulator.Snapshot().MaxInFlight);
    }
}
