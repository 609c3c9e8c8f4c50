using System.Net;
using System.Net.Http.Json;
using Serverless.Simulator;
using Xunit;

namespace Serverless.Tests.Simulator;

[Collection(SimulatorCollection.Name)]
public sealed class StatsTests
{
    [Fact]
    public async Task Per_id_hit_counts_reveal_duplicate_fetches()
    {
        await using var simulator = await ApiSimulator.StartAsync(new SimulatorOptions { LatencyMs = 0, UserCount = 100 });
        using var http = SimulatorHttp.ClientFor(simulator);

        foreach (var id in new[] { 3, 3, 4, 0, 101 })
        {
            using var _ = await http.GetAsync($"users/{id}");
        }

        var stats = simulator.Snapshot();
        Assert.Equal(5, stats.Requests);
        Assert.Equal(3, stats.Ok);
        Assert.Equal(2, stats.NotFound);
        Assert.Equal(2, stats.HitsFor(3));
        Assert.Equal(1, stats.HitsFor(4));
        Assert.Equal(0, stats.HitsFor(5));
        Assert.Equal(2, stats.DistinctIdsServed);
        Assert.Equal(1, stats.DuplicateOk);
        Assert.Equal(2, stats.OkHitsById.Count);
        Assert.Equal(2, simulator.OkHitsFor(3));

        var remote = await http.GetFromJsonAsync("stats/hits/3", SimulatorJsonContext.Default.IdHits);
        Assert.Equal(new IdHits(3, 2), remote);
    }

    [Fact]
    public async Task Stats_endpoint_matches_snapshot_and_reset_clears_it()
    {
        await using var simulator = await ApiSimulator.StartAsync(new SimulatorOptions { LatencyMs = 0, ConcurrencyLimit = 7 });
        using var http = SimulatorHttp.ClientFor(simulator);
        for (var id = 1; id <= 4; id++)
        {
            using var _ = await http.GetAsync($"users/{id}");
        }

        var remote = await http.GetFromJsonAsync("stats", SimulatorJsonContext.Default.SimulatorStats);
        Assert.NotNull(remote);
        Assert.Equal(4, remote.Requests);
        Assert.Equal(4, remote.Ok);
        Assert.Equal(7, remote.ConcurrencyLimit);
        Assert.Equal(1, remote.MaxInFlight);
        Assert.Empty(remote.OkHitsById); // not serialised: would be huge for a million ids

        simulator.ResetStats();
        var local = simulator.Snapshot();
        Assert.Equal(0, local.Requests);
        Assert.Equal(0, local.Ok);
        Assert.Equal(0, local.MaxInFlight);
        Assert.Equal(0, local.HitsFor(1));

        using var health = await http.GetAsync("health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(0, simulator.Snapshot().Requests); // operator routes are not counted as API traffic
    }

    [Fact]
    public async Task Options_are_validated_at_start()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => ApiSimulator.StartAsync(new SimulatorOptions { ErrorRate = 1.5 }));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => ApiSimulator.StartAsync(new SimulatorOptions { ConcurrencyLimit = -1 }));
    }

    [Fact]
    public void Command_line_maps_every_option()
    {
        var (options, port, errors) = new SimulatorCommandLine().Read(
        [
            "--port", "5099", "--latency-ms", "200", "--jitter-ms", "15", "--limit", "9", "--retry-after", "3",
            "--error-rate", "0.05", "--internal-error-share", "0.5", "--users", "500", "--seed", "7",
            "--ban-enabled", "false", "--ban-window-seconds", "1.5", "--ban-min-requests", "12",
            "--ban-reject-ratio", "0.7", "--ban-cooldown-seconds", "4",
        ]);

        Assert.Empty(errors);
        Assert.Equal(5099, port);
        Assert.Equal(200, options.LatencyMs);
        Assert.Equal(15, options.LatencyJitterMs);
        Assert.Equal(9, options.ConcurrencyLimit);
        Assert.Equal(3, options.RetryAfterSeconds);
        Assert.Equal(0.05, options.ErrorRate);
        Assert.Equal(0.5, options.InternalServerErrorShare);
        Assert.Equal(500, options.UserCount);
        Assert.Equal(7, options.Seed);
        Assert.False(options.BanEnabled);
        Assert.Equal(TimeSpan.FromSeconds(1.5), options.BanWindow);
        Assert.Equal(12, options.BanMinRequests);
        Assert.Equal(0.7, options.BanRejectRatio);
        Assert.Equal(TimeSpan.FromSeconds(4), options.BanCooldown);

        var (defaults, defaultPort, _) = new SimulatorCommandLine().Read([]);
        var reference = new SimulatorOptions();
        Assert.Equal(5080, defaultPort);
        Assert.Equal(reference.LatencyMs, defaults.LatencyMs);
        Assert.Equal(reference.ConcurrencyLimit, defaults.ConcurrencyLimit);
        Assert.Equal(reference.BanCooldown, defaults.BanCooldown);
        Assert.True(defaults.BanEnabled);
    }
}
