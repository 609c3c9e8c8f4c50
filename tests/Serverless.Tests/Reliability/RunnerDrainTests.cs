using System.Diagnostics;
using System.Text.Json;
using Azure.Storage.Blobs;
using Serverless.Core.Storage;
using Serverless.Simulator;
using Serverless.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Serverless.Tests.Reliability;

/// <summary>
/// Two runner processes on one task hub each run the other's work as well as their own. One that leaves (its run done, or
/// SIGTERM) exits at once, having finished or put back the activities and sessions it held, and no run is lost: each user is
/// fetched exactly once. The provider's own shutdown can cancel a control-queue read mid-flight, and the message it took comes
/// back only when the control queue's visibility timeout lapses: the runner keeps that timeout short (<see cref="RunnerControlQueue"/>),
/// so the other run finishes well within host.json's minute.
/// </summary>
public sealed class RunnerDrainTests(ITestOutputHelper output)
{
    /// <summary>
    /// Well within host.json's control-queue visibility timeout (1 minute): a run whose message is hidden that long calls its API
    /// for none of it once its batches in flight are done.
    /// </summary>
    static readonly TimeSpan WellWithinOneVisibilityTimeout = TimeSpan.FromSeconds(25);

    /// <summary>How long a run may take once the other runner has left: its work left, and a stall if one happens.</summary>
    static readonly TimeSpan WorkLeft = TimeSpan.FromSeconds(150);

    [Fact]
    public async Task A_runner_whose_run_ends_first_exits_at_once_and_the_other_run_loses_no_user()
    {
        Azurite.EnsureRunning();
        await using ApiSimulator api = await ApiSimulator.StartAsync(new SimulatorOptions { LatencyMs = 1_000, ConcurrencyLimit = 0 });
        // The leaver's run calls an API of its own, so it has its own limiter and is not queued behind the other run's batches.
        await using ApiSimulator leaverApi = await ApiSimulator.StartAsync(new SimulatorOptions { LatencyMs = 300, ConcurrencyLimit = 0 });
        string hub = Azurite.NewTaskHub("d");
        string[] common = ["--task-hub", hub, "--json"];

        // The other run lasts well beyond the leaver's, and its runner works two batches at a time, leaving the rest on the queue
        // for the leaver: the leaver leaves while it runs some of the other run's batches.
        using RunnerProcess other = RunnerProcess.Start(
            new Dictionary<string, string> { ["AzureFunctionsJobHost__extensions__durableTask__maxConcurrentActivityFunctions"] = "2" },
            ["users", "--count", "400", "--batch-size", "40", "--api", api.BaseUrl.ToString(), .. common]);
        string otherRun = await StartedRunAsync(other);
        await WaitForFetchesAsync(api, 20);

        using RunnerProcess leaver = RunnerProcess.Start(
            ["users", "--from", "5001", "--count", "20", "--api", leaverApi.BaseUrl.ToString(), .. common]);
        JsonElement leaverDone = await leaver.ReadEventAsync("finished", TimeSpan.FromSeconds(90));
        var sinceLeaving = Stopwatch.StartNew();
        Assert.Equal("Completed", leaverDone.GetProperty("status").GetString());
        Assert.True(
            api.Snapshot().Ok + leaverApi.Snapshot().Ok < 300, "the other run was all but done when the leaver's run ended: the test proves nothing");
        output.WriteLine($"the other run had fetched {api.Snapshot().Ok} of its 400 users when the leaver's run ended");
        Assert.Equal(0, await leaver.WaitForExitAsync(TimeSpan.FromSeconds(20)));
        output.WriteLine($"the leaver exited {sinceLeaving.Elapsed.TotalSeconds:F1} s after its run ended; stderr: {leaver.StandardError}");

        TimeSpan stall = await LongestStallAsync(api, 400);
        JsonElement finished = await other.ReadEventAsync("finished", WorkLeft);
        output.WriteLine($"the other run finished {sinceLeaving.Elapsed.TotalSeconds:F1} s after the leaver's run ended; longest stall {stall}");
        Assert.Equal("Completed", finished.GetProperty("status").GetString());
        Assert.True(stall < WellWithinOneVisibilityTimeout, $"the other run called its API for none of {stall} after the leaver's ended");
        await AssertEachUserOnceAsync(otherRun, Enumerable.Range(1, 400));
    }

    [Fact]
    public async Task A_runner_stopped_by_SIGTERM_exits_at_once_and_its_run_ends_in_the_other_process()
    {
        Azurite.EnsureRunning();
        await using ApiSimulator api = await ApiSimulator.StartAsync(new SimulatorOptions { LatencyMs = 400, ConcurrencyLimit = 0 });
        // The stopped runner's run calls an API of its own, so it has its own limiter: once it goes on in the other process, it does
        // not share the other run's cap, and the other run's time after the SIGTERM measures stalls, not the extra work.
        await using ApiSimulator stoppedApi = await ApiSimulator.StartAsync(new SimulatorOptions { LatencyMs = 400, ConcurrencyLimit = 0 });
        string hub = Azurite.NewTaskHub("s");
        string[] common = ["--task-hub", hub, "--json"];

        // The other run is the longer: the stopped runner's run goes on in the other process.
        using RunnerProcess other = RunnerProcess.Start(["users", "--count", "800", "--api", api.BaseUrl.ToString(), .. common]);
        string otherRun = await StartedRunAsync(other);
        using RunnerProcess stopped = RunnerProcess.Start(
            ["users", "--from", "2001", "--count", "150", "--api", stoppedApi.BaseUrl.ToString(), .. common]);
        string stoppedRun = await StartedRunAsync(stopped);
        await WaitForFetchesAsync(stoppedApi, 40);
        Assert.True(stoppedApi.Snapshot().Ok < 150, "the stopped runner's run was done before the SIGTERM: the test proves nothing");

        stopped.Terminate();
        var sinceStopped = Stopwatch.StartNew();
        await stopped.WaitForExitAsync(TimeSpan.FromSeconds(20));
        output.WriteLine($"stopped runner exited {sinceStopped.Elapsed.TotalSeconds:F1} s after SIGTERM; stderr: {stopped.StandardError}");
        Assert.True(sinceStopped.Elapsed < TimeSpan.FromSeconds(15), $"the stopped runner took {sinceStopped.Elapsed} to exit");

        TimeSpan[] stalls = await Task.WhenAll(LongestStallAsync(api, 800), LongestStallAsync(stoppedApi, 150));
        JsonElement finished = await other.ReadEventAsync("finished", WorkLeft);
        output.WriteLine($"the other run finished {sinceStopped.Elapsed.TotalSeconds:F1} s after SIGTERM; longest stalls {stalls[0]}, {stalls[1]}");
        Assert.Equal("Completed", finished.GetProperty("status").GetString());
        Assert.All(stalls, stall => Assert.True(
            stall < WellWithinOneVisibilityTimeout, $"a run called its API for none of {stall} after the SIGTERM"));
        Assert.Equal(0, await other.WaitForExitAsync(TimeSpan.FromSeconds(20)));

        // The stopped runner's partitions come to the other process once it has released their leases and the other's next lease
        // acquisition runs (seconds): its run may end a little after the other's, but well within the visibility timeout.
        var store = new BlobResultStore(new BlobServiceClient(Azurite.ConnectionString));
        Core.Runs.RunManifest? stoppedManifest = await store.ReadManifestAsync("results", stoppedRun);
        while (stoppedManifest is null && sinceStopped.Elapsed < WorkLeft)
        {
            await Task.Delay(250);
            stoppedManifest = await store.ReadManifestAsync("results", stoppedRun);
        }

        output.WriteLine($"the stopped runner's run finished by {sinceStopped.Elapsed.TotalSeconds:F1} s after SIGTERM");
        Assert.True(stoppedManifest is not null, $"the stopped runner's run had not finished {sinceStopped.Elapsed} after SIGTERM");
        Assert.Equal(Core.Runs.RunOutcome.Completed, stoppedManifest.Status);
        await AssertEachUserOnceAsync(otherRun, Enumerable.Range(1, 800));
        await AssertEachUserOnceAsync(stoppedRun, Enumerable.Range(2001, 150));
    }

    /// <summary>The longest time in which the API answered none of the run's users, until it has answered them all.</summary>
    static async Task<TimeSpan> LongestStallAsync(ApiSimulator api, long users)
    {
        long fetches = api.Snapshot().Ok;
        var sinceLastFetch = Stopwatch.StartNew();
        var waited = Stopwatch.StartNew();
        TimeSpan longest = TimeSpan.Zero;
        while (fetches < users && waited.Elapsed < WorkLeft)
        {
            await Task.Delay(200);
            long now = api.Snapshot().Ok;
            if (now != fetches)
            {
                fetches = now;
                sinceLastFetch.Restart();
            }

            longest = sinceLastFetch.Elapsed > longest ? sinceLastFetch.Elapsed : longest;
        }

        return longest;
    }

    static async Task<string> StartedRunAsync(RunnerProcess runner) =>
        (await runner.ReadEventAsync("started", TimeSpan.FromSeconds(60))).GetProperty("runId").GetString()!;

    static async Task WaitForFetchesAsync(ApiSimulator api, long fetches)
    {
        var wait = Stopwatch.StartNew();
        while (api.Snapshot().Ok < fetches && wait.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(50);
        }

        Assert.True(api.Snapshot().Ok >= fetches, $"only {api.Snapshot().Ok} fetches in a minute");
    }

    static async Task AssertEachUserOnceAsync(string runId, IEnumerable<int> users)
    {
        var store = new BlobResultStore(new BlobServiceClient(Azurite.ConnectionString));
        RunResults results = await RunResults.ReadAsync(store, Core.Runs.RunFolder.ForUsers("results", runId));
        Assert.Equal(users, results.UserIds.Order());
        Assert.Empty(results.Failed);
    }
}
