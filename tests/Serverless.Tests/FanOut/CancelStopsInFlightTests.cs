using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Serverless.Core.Http;
using Serverless.Core.Runs;
using Serverless.Local.Runner;
using Serverless.Simulator;
using Serverless.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Serverless.Tests.FanOut;

/// <summary>
/// A cancel stops the batches in flight, not only the scheduling: with batches of 1,000 a batch would otherwise call the API for
/// hundreds of users after the cancel (about 550 here: 2 s of calls, 50 at once at 200 ms, is 450 of its 1,000). Over
/// <c>serve</c>'s HTTP API, the real engine and the simulator.
/// </summary>
public sealed class CancelStopsInFlightTests(ITestOutputHelper output)
{
    const int Users = 5000;
    const int Cap = 50;

    [Fact]
    public async Task A_cancel_stops_large_batches_in_flight_and_the_manifest_accounts_for_every_user_once()
    {
        await using EngineHarness harness = await EngineHarness.StartAsync(
            new SimulatorOptions { LatencyMs = 200, ConcurrencyLimit = 0 },
            settings: new Dictionary<string, string?> { ["UserApi:MaxConcurrency"] = $"{Cap}" });
        await using RunsApiServer.Started server = await RunsApiServer.StartAsync(
            harness.Get<RunsHttpApi>(), harness.Engine.Client, 0, NullLoggerFactory.Instance, CancellationToken.None);
        using var http = new HttpClient { BaseAddress = server.BaseUrl, Timeout = TimeSpan.FromMinutes(1) };

        using HttpResponseMessage started = await http.PostAsJsonAsync("api/users/fetch", new { from = 1, count = Users, batchSize = 1000 });
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        string runId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runId").GetString()!;
        // 2 s of calls: counted from the first call, since a fresh engine takes a moment to reach the API at all.
        await CallsStartedAsync(harness);
        await Task.Delay(TimeSpan.FromSeconds(2));
        using HttpResponseMessage cancel = await http.PostAsync($"api/runs/{runId}/cancel", content: null);
        long callsAtCancel = harness.Simulator.SnapshotCounters().Requests;
        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);

        var waited = System.Diagnostics.Stopwatch.StartNew();
        RunStatus status = await harness.WaitAsync(runId);
        output.WriteLine($"the cancelled run ended {waited.Elapsed.TotalSeconds:0.0} s after the cancel's 202");
        long callsAfterCancel = harness.Simulator.SnapshotCounters().Requests - callsAtCancel;
        RunResults results = await RunResults.ReadAsync(harness.Results, status.Results!);
        output.WriteLine($"calls: {callsAtCancel} before the cancel's 202, {callsAfterCancel} after; manifest: " +
            $"{results.Manifest.Succeeded} succeeded, {results.Manifest.Failed} failed, {results.Manifest.NotAttempted} not attempted");

        Assert.Equal("Cancelled", status.Status);
        Assert.InRange(callsAtCancel, Cap, Users / 2);
        Assert.InRange(callsAfterCancel, 0, Cap * 3);
        RunAssertions.EveryUserOnce(results, Users);
        Assert.True(results.Manifest.NotAttempted > Users / 2, $"only {results.Manifest.NotAttempted} not attempted");
        Assert.All(results.Failed, f => Assert.StartsWith("not attempted: run stopped (cancelled on request)", f.Reason));

        // Redrivable as before: the users not attempted are the new run's.
        harness.Simulator.SetLatency(5);
        using HttpResponseMessage redrive = await http.PostAsync($"api/runs/{runId}/redrive", content: null);
        Assert.Equal(HttpStatusCode.Accepted, redrive.StatusCode);
        JsonElement accepted = await redrive.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(results.Failed.Count, accepted.GetProperty("total").GetInt32());
        RunStatus second = await harness.WaitAsync(accepted.GetProperty("runId").GetString()!);
        Assert.Equal(("Completed", results.Failed.Count), (second.Status, second.Succeeded));
    }

    /// <summary>Until the simulator has seen a call: the run's first batch is under way.</summary>
    static async Task CallsStartedAsync(EngineHarness harness)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while (harness.Simulator.SnapshotCounters().Requests == 0)
        {
            await Task.Delay(20, timeout.Token);
        }
    }
}
