using System.Net;
using Serverless.Simulator;
using Xunit;

namespace Serverless.Tests.Simulator;

[Collection(SimulatorCollection.Name)]
public sealed class ErrorInjectionTests
{
    private static SimulatorOptions Faulty(int seed) => new()
    {
        LatencyMs = 0,
        ConcurrencyLimit = 0,
        BanEnabled = false,
        ErrorRate = 0.1,
        Seed = seed,
    };

    private static async Task<List<(HttpStatusCode Status, bool HasRetryAfter)>> SequentialAsync(HttpClient http, int count)
    {
        var statuses = new List<(HttpStatusCode, bool)>(count);
        for (var id = 1; id <= count; id++)
        {
            using var response = await http.GetAsync($"users/{id}");
            statuses.Add((response.StatusCode, response.Headers.RetryAfter is not null));
        }

        return statuses;
    }

    [Fact]
    public async Task Error_rate_is_close_to_configured_and_identical_for_the_same_seed()
    {
        await using var a = await ApiSimulator.StartAsync(Faulty(seed: 7));
        await using var b = await ApiSimulator.StartAsync(Faulty(seed: 7));
        await using var c = await ApiSimulator.StartAsync(Faulty(seed: 8));
        using var httpA = SimulatorHttp.ClientFor(a);
        using var httpB = SimulatorHttp.ClientFor(b);
        using var httpC = SimulatorHttp.ClientFor(c);

        var runA = await SequentialAsync(httpA, 500);
        var runB = await SequentialAsync(httpB, 500);
        var runC = await SequentialAsync(httpC, 500);

        var errors = runA.Count(r => (int)r.Status >= 500);
        Assert.InRange(errors, 30, 70); // 10 % of 500 ± ~3 sigma
        Assert.Equal(errors, a.SnapshotCounters().ServerErrors);
        Assert.Equal(500 - errors, a.SnapshotCounters().Ok);
        Assert.Equal(runA, runB);
        Assert.NotEqual(runA, runC);

        // Both kinds of 5xx occur; only 503 advertises when to come back.
        Assert.Contains(runA, r => r.Status == HttpStatusCode.ServiceUnavailable && r.HasRetryAfter);
        Assert.Contains(runA, r => r.Status == HttpStatusCode.InternalServerError && !r.HasRetryAfter);
        Assert.All(runA, r => Assert.True(r.Status is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable or HttpStatusCode.InternalServerError));
    }

    [Fact]
    public async Task Reset_replays_the_same_fault_sequence()
    {
        await using var simulator = await ApiSimulator.StartAsync(Faulty(seed: 11));
        using var http = SimulatorHttp.ClientFor(simulator);

        var before = await SequentialAsync(http, 100);
        using (var reset = await http.PostAsync("admin/reset", content: null))
        {
            reset.EnsureSuccessStatusCode();
        }

        var after = await SequentialAsync(http, 100);

        Assert.Equal(before, after);
        Assert.Equal(100, simulator.SnapshotCounters().Requests);
    }

    [Fact]
    public async Task Zero_error_rate_never_fails_and_full_rate_always_fails()
    {
        var options = Faulty(seed: 1);
        options.ErrorRate = 0;
        await using var simulator = await ApiSimulator.StartAsync(options);
        using var http = SimulatorHttp.ClientFor(simulator);

        Assert.All(await SequentialAsync(http, 50), r => Assert.Equal(HttpStatusCode.OK, r.Status));

        simulator.SetErrorRate(1);
        Assert.All(await SequentialAsync(http, 50), r => Assert.True((int)r.Status >= 500));
    }
}
