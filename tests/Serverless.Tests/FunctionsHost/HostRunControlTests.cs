using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Serverless.Core.Runs;
using Serverless.Tests.Infrastructure;
using Xunit;

namespace Serverless.Tests.FunctionsHost;

/// <summary>Cancel, redrive and the read-side routes (view, failures, files) through the real host.</summary>
[Collection(FunctionsHostCollection.Name)]
public sealed class HostRunControlTests(FunctionsHostFixture host)
{
    // Ids past the simulator's 1,000,000 users answer 404: failed items that a redrive picks up again.
    static readonly int[] Missing = [2_000_001, 2_000_002];

    [FunctionsHostFact]
    public async Task A_cancelled_run_ends_cancelled_with_everything_accounted_for()
    {
        host.Simulator.SetLatency(500);
        try
        {
            // Batches of 20: a stop is seen between batches, and by default 400 users at cap 20 are one batch.
            string runId = await host.StartUserFetchAsync(new { from = 1, count = 400, batchSize = 20 });
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            while ((await host.ReadStatusAsync(runId, timeout.Token)).Succeeded < 10)
            {
                await Task.Delay(100, timeout.Token);
            }

            using HttpResponseMessage cancel = await host.Http.PostAsync($"api/runs/{runId}/cancel", null);
            Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
            RunStatus status = await host.WaitAsync(runId);
            RunResults results = await RunResults.ReadAsync(host.Results, status.Results!);

            Assert.Equal("Cancelled", status.Status);
            Assert.Equal(RunOutcome.Cancelled, results.Manifest.Status);
            Assert.InRange(results.Manifest.NotAttempted, 1, 389);
            Assert.Equal(400, results.Manifest.Succeeded + results.Manifest.Failed);
            using HttpResponseMessage again = await host.Http.PostAsync($"api/runs/{runId}/cancel", null);
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        }
        finally
        {
            host.Simulator.SetLatency(200);
        }
    }

    [FunctionsHostFact]
    public async Task A_cancel_stops_the_batches_in_flight_under_the_host()
    {
        // Batches of 500 at the fixture's 200 ms and cap: without a stop in flight, each would call the API for all its users.
        const int users = 2000;
        long callsBefore = host.Simulator.SnapshotCounters().Requests;
        using HttpResponseMessage started = await host.Http.PostAsJsonAsync("api/users/fetch", new { from = 1, count = users, batchSize = 500 });
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        string runId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runId").GetString()!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while (host.Simulator.SnapshotCounters().Requests == callsBefore)
        {
            await Task.Delay(20, timeout.Token);
        }

        await Task.Delay(TimeSpan.FromSeconds(2));
        using HttpResponseMessage cancel = await host.Http.PostAsync($"api/runs/{runId}/cancel", null);
        long callsAtCancel = host.Simulator.SnapshotCounters().Requests;
        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);

        RunStatus status = await host.WaitAsync(runId);
        long callsAfterCancel = host.Simulator.SnapshotCounters().Requests - callsAtCancel;
        RunResults results = await RunResults.ReadAsync(host.Results, status.Results!);

        Assert.Equal("Cancelled", status.Status);
        Assert.InRange(callsAtCancel - callsBefore, FunctionsHostFixture.MaxConcurrency, users / 2);
        Assert.InRange(callsAfterCancel, 0, FunctionsHostFixture.MaxConcurrency * 3);
        RunAssertions.EveryUserOnce(results, users);
        Assert.All(results.Failed, f => Assert.StartsWith("not attempted: run stopped (cancelled on request)", f.Reason));
    }

    [FunctionsHostFact]
    public async Task Failures_files_view_and_a_redrive_of_the_failed_ids_are_served_by_the_host()
    {
        string runId = await host.StartUserFetchAsync(new { userIds = new[] { 1, 2, 3, Missing[0], Missing[1] }, toleratedFailurePercent = 100 });
        RunStatus first = await host.WaitAsync(runId);
        Assert.Equal(("Completed", 3, 2), (first.Status, first.Succeeded, first.Failed));

        JsonElement failures = await host.Http.GetFromJsonAsync<JsonElement>($"api/runs/{runId}/failures");
        Assert.Equal(2, failures.GetProperty("failed").GetInt32());
        Assert.Equal(Missing, failures.GetProperty("failures").EnumerateArray().Select(f => f.GetProperty("userId").GetInt32()).Order());

        string manifest = await host.Http.GetStringAsync($"api/runs/{runId}/files/manifest");
        Assert.Equal(runId, JsonDocument.Parse(manifest).RootElement.GetProperty("runId").GetString());
        string succeeded = await host.Http.GetStringAsync($"api/runs/{runId}/files/succeeded");
        Assert.Equal(3, succeeded.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        using HttpResponseMessage noFile = await host.Http.GetAsync($"api/runs/{runId}/files/secrets");
        Assert.Equal(HttpStatusCode.NotFound, noFile.StatusCode);

        using HttpResponseMessage view = await host.Http.GetAsync($"api/runs/{runId}/view");
        Assert.Equal(HttpStatusCode.OK, view.StatusCode);
        Assert.Equal("text/html", view.Content.Headers.ContentType?.MediaType);
        Assert.Contains(runId, await view.Content.ReadAsStringAsync());

        using HttpResponseMessage redrive = await host.Http.PostAsync($"api/runs/{runId}/redrive", null);
        Assert.Equal(HttpStatusCode.Accepted, redrive.StatusCode);
        JsonElement accepted = await redrive.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, accepted.GetProperty("total").GetInt32());
        RunStatus second = await host.WaitAsync(accepted.GetProperty("runId").GetString()!);
        RunResults redriven = await RunResults.ReadAsync(host.Results, second.Results!);
        Assert.Equal(runId, redriven.Manifest.Input.RedriveOf);
        Assert.Equal(Missing, redriven.Failed.Select(f => f.UserId).Order());
    }
}
