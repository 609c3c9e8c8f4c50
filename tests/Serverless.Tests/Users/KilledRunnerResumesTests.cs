using System.Diagnostics;
using System.Text.Json;
using Azure.Storage.Blobs;
using Serverless.Core.Storage;
using Serverless.Simulator;
using Serverless.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Serverless.Tests.Users;

/// <summary>SIGKILL the runner mid-run; a new runner process on the same task hub finishes the same run.</summary>
public sealed class KilledRunnerResumesTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_run_killed_midway_completes_after_restart_with_each_user_exactly_once()
    {
        Azurite.EnsureRunning();
        await using ApiSimulator api = await ApiSimulator.StartAsync(new SimulatorOptions { LatencyMs = 250, ConcurrencyLimit = 20 });
        string hub = Azurite.NewTaskHub("k");
        string[] common = ["--api", api.BaseUrl.ToString(), "--task-hub", hub, "--json"];

        string runId;
        using (RunnerProcess first = RunnerProcess.Start(["users", "--count", "200", .. common]))
        {
            runId = (await first.ReadEventAsync("started", TimeSpan.FromSeconds(60))).GetProperty("runId").GetString()!;
            var wait = Stopwatch.StartNew();
            while (api.Snapshot().Ok < 60 && wait.Elapsed < TimeSpan.FromSeconds(60))
            {
                await Task.Delay(20);
            }

            first.KillHard();
            await first.WaitForExitAsync(TimeSpan.FromSeconds(10));
        }

        long fetchedBeforeKill = api.Snapshot().Ok;
        output.WriteLine($"killed after {fetchedBeforeKill} fetches");
        Assert.InRange(fetchedBeforeKill, 60, 199);

        var restart = Stopwatch.StartNew();
        using RunnerProcess second = RunnerProcess.Start(["runs", "wait", runId, .. common]);
        JsonElement finished = await second.ReadEventAsync("finished", TimeSpan.FromSeconds(150));
        restart.Stop();
        output.WriteLine($"resumed and finished {restart.Elapsed.TotalSeconds:F1} s after the restart");

        Assert.Equal("Completed", finished.GetProperty("status").GetString());
        // Bounded by host.json's 1-minute visibility timeouts, which the runner reads too.
        Assert.True(restart.Elapsed < TimeSpan.FromMinutes(2), $"took {restart.Elapsed} after the restart");
        Assert.Equal(0, await second.WaitForExitAsync(TimeSpan.FromSeconds(30)));

        var store = new BlobResultStore(new BlobServiceClient(Azurite.ConnectionString));
        RunResults results = await RunResults.ReadAsync(store, Core.Runs.RunFolder.ForUsers("results", runId));
        Assert.Equal(Enumerable.Range(1, 200), results.UserIds.Order());
        Assert.Empty(results.Failed);
        Assert.Equal(200, results.Manifest.Succeeded);
        output.WriteLine($"API served {api.Snapshot().Ok} fetches for 200 users (activities re-run after the kill)");
    }
}
