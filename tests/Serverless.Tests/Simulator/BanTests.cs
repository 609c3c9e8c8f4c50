using System.Net;
using Serverless.Simulator;
using Xunit;

namespace Serverless.Tests.Simulator;

[Collection(SimulatorCollection.Name)]
public sealed class BanTests
{
    // Same server for both clients: only the client's manners differ.
    private static SimulatorOptions Server() => new()
    {
        LatencyMs = 20,
        ConcurrencyLimit = 5,
        RetryAfterSeconds = 1,
        BanWindow = TimeSpan.FromSeconds(2),
        BanMinRequests = 20,
        BanRejectRatio = 0.5,
        BanCooldown = TimeSpan.FromSeconds(2),
    };

    [Fact]
    public async Task Client_ignoring_retry_after_gets_banned_with_403_until_the_cooldown_ends()
    {
        await using var simulator = await ApiSimulator.StartAsync(Server());
        using var http = SimulatorHttp.ClientFor(simulator);

        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        TimeSpan? banRetryAfter = null;
        var workers = Enumerable.Range(0, 10).Select(async worker =>
        {
            var id = 1 + worker;
            while (!stop.IsCancellationRequested)
            {
                using var response = await http.GetAsync($"users/{id++}", CancellationToken.None);
                if (response.StatusCode == HttpStatusCode.Forbidden)
                {
                    banRetryAfter ??= response.Headers.RetryAfter?.Delta;
                    await stop.CancelAsync();
                }
            }
        });
        await Task.WhenAll(workers);

        Assert.NotNull(banRetryAfter);
        Assert.InRange(banRetryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));
        var stats = simulator.SnapshotCounters();
        Assert.True(stats.IsBanned);
        Assert.Equal(1, stats.BanCount);
        Assert.True(stats.Forbidden >= 1);
        Assert.True(stats.TooManyRequests >= 10, $"429s before the ban: {stats.TooManyRequests}");

        // Still banned: even a single polite request is refused while the cooldown runs.
        using (var during = await http.GetAsync("users/1"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, during.StatusCode);
            Assert.NotNull(during.Headers.RetryAfter?.Delta);
        }

        // Waiting out the advertised Retry-After restores service.
        await Task.Delay(simulator.SnapshotCounters().BanRemainingSeconds is var s and > 0
            ? TimeSpan.FromSeconds(s) + TimeSpan.FromMilliseconds(100) : TimeSpan.Zero);
        using var after = await http.GetAsync("users/1");
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.False(simulator.SnapshotCounters().IsBanned);
    }

    [Fact]
    public async Task Client_honouring_retry_after_at_twice_the_limit_is_never_banned()
    {
        await using var simulator = await ApiSimulator.StartAsync(Server());
        using var http = SimulatorHttp.ClientFor(simulator);

        // Longer than the ban window, so the verdict covers a full window of steady traffic.
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(3);
        var statuses = new System.Collections.Concurrent.ConcurrentBag<HttpStatusCode>();
        var workers = Enumerable.Range(0, 2 * Server().ConcurrencyLimit).Select(async worker =>
        {
            var id = 1 + worker * 10_000;
            while (DateTime.UtcNow < until)
            {
                using var response = await http.GetAsync($"users/{id++}");
                statuses.Add(response.StatusCode);
                if (response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.Forbidden)
                {
                    await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1));
                }
            }
        });
        await Task.WhenAll(workers);

        Assert.DoesNotContain(HttpStatusCode.Forbidden, statuses);
        var stats = simulator.SnapshotCounters();
        Assert.False(stats.IsBanned);
        Assert.Equal(0, stats.BanCount);
        Assert.True(stats.TooManyRequests > 0, "the polite client should have met the limit");
        Assert.True(stats.Ok > stats.TooManyRequests * 5, $"ok {stats.Ok}, 429 {stats.TooManyRequests}");
        Assert.True(stats.MaxInFlight <= 5);
    }

    [Fact]
    public async Task Ban_can_be_disabled()
    {
        var options = Server();
        options.BanEnabled = false;
        await using var simulator = await ApiSimulator.StartAsync(options);
        using var http = SimulatorHttp.ClientFor(simulator);

        for (var round = 0; round < 10; round++)
        {
            await SimulatorHttp.BurstAsync(http, 20);
        }

        var stats = simulator.SnapshotCounters();
        Assert.True(stats.TooManyRequests >= 50, $"429s: {stats.TooManyRequests}");
        Assert.Equal(0, stats.Forbidden);
        Assert.False(stats.IsBanned);
    }
}
