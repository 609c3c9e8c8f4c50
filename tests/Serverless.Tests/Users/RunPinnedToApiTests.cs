using System.Diagnostics;
using System.Text.Json;
using Azure.Storage.Blobs;
using Serverless.Core.Storage;
using Serverless.Simulator;
using Serverless.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Serverless.Tests.Users;

/// <summary>
/// A run keeps the API it started with: resumed by another runner process, it calls that API whatever the new process is
/// configured with, and a resume that names another API is refused.
/// </summary>
public sealed class RunPinnedToApiTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_killed_run_resumes_against_its_own_API_and_a_resume_naming_another_is_refused()
    {
        Azurite.EnsureRunning();
        await using ApiSimulator first = await ApiSimulator.StartAsync(new SimulatorOptions { LatencyMs = 250, ConcurrencyLimit = 20 });
        await using ApiSimulator second = await ApiSimulator.StartAsync(new SimulatorOptions { LatencyMs = 0, ConcurrencyLimit = 0 });
        string hub = Azurite.NewTaskHub("pin");
        string[] common = ["--task-hub", hub, "--json"];

        string runId;
        using (RunnerProcess starter = RunnerProcess.Start(["users", "--count", "200", "--api", first.BaseUrl.ToString(), .. common]))
        {
            runId = (await starter.ReadEventAsync("started", TimeSpan.FromSeconds(60))).GetProperty("runId").GetString()!;
            var wait = Stopwatch.StartNew();
            while (first.Snapshot().Ok < 40 && wait.Elapsed < TimeSpan.FromSeconds(60))
            {
                await Task.Delay(20);
            }

            starter.KillHard();
            await starter.WaitForExitAsync(TimeSpan.FromSeconds(10));
        }

        Assert.InRange(first.Snapshot().Ok, 40, 199);

        using (RunnerProcess refused = RunnerProcess.Start(["runs", "wait", runId, "--api", second.BaseUrl.ToString(), .. common]))
        {
            List<string> lines = await refused.ReadAllLinesAsync(TimeSpan.FromSeconds(90));
            int exit = await refused.WaitForExitAsync(TimeSpan.FromSeconds(30));
            output.WriteLine($"refused: exit {exit}; stderr: {refused.StandardError}");
            Assert.NotEqual(0, exit);
            Assert.Empty(lines);
            string message = Assert.Single(refused.StandardError.Split('\n'), line => line.Contains("calls the user API", StringComparison.Ordinal));
            Assert.DoesNotContain("Exception", refused.StandardError, StringComparison.Ordinal);
            Assert.Contains($"Run {runId} calls the user API at {first.BaseUrl}", message);
            Assert.Contains("leave out --api", message);
        }

        var restart = Stopwatch.StartNew();
        using RunnerProcess resumed = RunnerProcess.Start(["runs", "wait", runId, .. common]);
        JsonElement finished = await resumed.ReadEventAsync("finished", TimeSpan.FromSeconds(150));
        output.WriteLine($"resumed and finished {restart.Elapsed.TotalSeconds:F1} s after the restart");
        Assert.Equal("Completed", finished.GetProperty("status").GetString());
        Assert.Equal(0, await resumed.WaitForExitAsync(TimeSpan.FromSeconds(30)));

        Assert.Equal(0, second.Snapshot().Requests);
        SimulatorStats api = first.Snapshot();
        Assert.Equal(200, api.DistinctIdsServed);
        var store = new BlobResultStore(new BlobServiceClient(Azurite.ConnectionString));
        RunResults results = await RunResults.ReadAsync(store, Core.Runs.RunFolder.ForUsers("results", runId));
        Assert.Equal(Enumerable.Range(1, 200), results.UserIds.Order());
        Assert.Empty(results.Failed);
        Assert.Equal(first.BaseUrl.ToString(), results.Manifest.Caps["UserApi:BaseUrl"]);
    }
}
