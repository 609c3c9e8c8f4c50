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
/// SIGTERM) first finishes or puts back the work items it holds, so the other run never waits out host.json's 1-minute
/// visibility timeout for a message the leaver held.
/// </summary>
public sealed class RunnerDrainTests(ITestOutputHelper output)
{
    /// <summary>Far below host.json's visibility timeouts (1 minute), which a held message would wait out.</summary>
    static readonly TimeSpan WellWithinVisibility = TimeSpan.FromSeconds(40);

    [Fact]
    public async Task A_runner_whose_run_ends_first_leaves_without_stalling_the_other_run()
    {
        Azurite.EnsureRunning();
        await using ApiSimulator api = await ApiSimulator.StartAsync(new SimulatorOptions { LatencyMs = 1_000, ConcurrencyLimit = 0 });
        string hub = Azurite.NewTaskHub("d");
        string[] common = ["--api", api.BaseUrl.ToString(), "--task-hub", hub, "--json"];

        using RunnerProcess other = RunnerProcess.Start(["users", "--count", "300", .. common]);
        string otherRun = await StartedRunAsync(other);
        await WaitForFetchesAsync(api, 40);

        using RunnerProcess leaver = RunnerProcess.Start(["users", "--from", "1001", "--count", "20", .. common]);
        JsonElement leaverDone = await leaver.ReadEventAsync("finished", TimeSpan.FromSeconds(90));
        Assert.Equal("Completed", leaverDone.GetProperty("status").GetString());
        Assert.Equal(0, await leaver.WaitForExitAsync(TimeSpan.FromSeconds(20)));
        var sinceLeft = Stopwatch.StartNew();
        output.WriteLine($"leaver's stderr: {leaver.StandardError}");

        JsonElement finished = await other.ReadEventAsync("finished", TimeSpan.FromSeconds(150));
        output.WriteLine($"the other run finished {sinceLeft.Elapsed.TotalSeconds:F1} s after the leaver left");
        Assert.Equal("Completed", finished.GetProperty("status").GetString());
        Assert.True(sinceLeft.Elapsed < WellWithinVisibility, $"the other run waited {sinceLeft.Elapsed} after the leaver left");
        await AssertEachUserOnceAsync(otherRun, Enumerable.Range(1, 300));
    }

    [Fact]
    public async Task A_runner_stopped_by_SIGTERM_mid_run_stalls_no_run_on_the_task_hub()
    {
        Azurite.EnsureRunning();
        await using ApiSimulator api = await ApiSimulator.StartAsync(new SimulatorOptions { LatencyMs = 1_000, ConcurrencyLimit = 0 });
        string hub = Azurite.NewTaskHub("s");
        string[] common = ["--api", api.BaseUrl.ToString(), "--task-hub", hub, "--json"];

        using RunnerProcess other = RunnerProcess.Start(["users", "--count", "300", .. common]);
        string otherRun = await StartedRunAsync(other);
        using RunnerProcess stopped = RunnerProcess.Start(["users", "--from", "1001", "--count", "300", .. common]);
        string stoppedRun = await StartedRunAsync(stopped);
        await WaitForFetchesAsync(api, 120);

        stopped.Terminate();
        var sinceStopped = Stopwatch.StartNew();
        await stopped.WaitForExitAsync(TimeSpan.FromSeconds(20));
        output.WriteLine($"stopped runner exited {sinceStopped.Elapsed.TotalSeconds:F1} s after SIGTERM; stderr: {stopped.StandardError}");

        JsonElement finished = await other.ReadEventAsync("finished", TimeSpan.FromSeconds(150));
        output.WriteLine($"the other run finished {sinceStopped.Elapsed.TotalSeconds:F1} s after SIGTERM");
        Assert.Equal("Completed", finished.GetProperty("status").GetString());
        Assert.True(sinceStopped.Elapsed < WellWithinVisibility, $"the other run waited {sinceStopped.Elapsed} after the SIGTERM");
        Assert.Equal(0, await other.WaitForExitAsync(TimeSpan.FromSeconds(20)));

        // The stopped runner's own run went on in the other process while it lasted; a new runner finishes it.
        using RunnerProcess resumed = RunnerProcess.Start(["runs", "wait", stoppedRun, .. common]);
        JsonElement resumedDone = await resumed.ReadEventAsync("finished", TimeSpan.FromSeconds(150));
        output.WriteLine($"the stopped runner's run finished {sinceStopped.Elapsed.TotalSeconds:F1} s after SIGTERM");
        Assert.Equal("Completed", resumedDone.GetProperty("status").GetString());
        Assert.True(sinceStopped.Elapsed < WellWithinVisibility * 1.5, $"the stopped run finished {sinceStopped.Elapsed} after the SIGTERM");

        await AssertEachUserOnceAsync(otherRun, Enumerable.Range(1, 300));
        await AssertEachUserOnceAsync(stoppedRun, Enumerable.Range(1001, 300));
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
