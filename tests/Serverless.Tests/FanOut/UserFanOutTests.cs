using Azure.Storage.Blobs;
using Serverless.Core.Runs;
using Serverless.Core.Users;
using Serverless.Simulator;
using Serverless.Tests.Infrastructure;
using Xunit;

namespace Serverless.Tests.FanOut;

/// <summary>Batching, tolerated failures and redrive of user-fetch runs, on the real engine with Azurite and the simulator.</summary>
public sealed class UserFanOutTests
{
    static async Task<string> StartAsync(EngineHarness harness, IEnumerable<int> ids, RunSettings? settings = null) =>
        await harness.Get<UserFetchStarter>().StartAsync(harness.Engine.Client, ids.ToArray(), settings);

    static async Task<int> CountBlobsAsync(string prefix)
    {
        int count = 0;
        await foreach (var _ in new BlobServiceClient(Azurite.ConnectionString).GetBlobContainerClient("results").GetBlobsAsync(
            Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, prefix, CancellationToken.None))
        {
            count++;
        }

        return count;
    }

    [Fact]
    public async Task Batches_of_ten_fetch_every_user_once_in_a_tenth_of_the_activities_and_still_report_each_failure()
    {
        await using EngineHarness harness = await EngineHarness.StartAsync(new SimulatorOptions { LatencyMs = 10, UserCount = 95 });

        string runId = await StartAsync(harness, Enumerable.Range(1, 100), new RunSettings(BatchSize: 10));
        RunStatus status = await harness.WaitAsync(runId);
        RunResults results = await RunResults.ReadAsync(harness.Results, status.Results!);

        Assert.Equal(("Completed", 95, 5), (status.Status, status.Succeeded, status.Failed));
        Assert.Equal(Enumerable.Range(1, 95), results.UserIds.Order());
        Assert.Equal(Enumerable.Range(96, 5), results.Failed.Select(f => f.UserId).Order());
        Assert.All(results.Failed, f => Assert.Equal(404, f.StatusCode));
        Assert.Equal(100, harness.Simulator.Snapshot().Requests);
        Assert.Equal(10, await CountBlobsAsync(RunFolder.PartsPrefix(runId)));
        Assert.Equal("10", results.Manifest.Caps["BatchSize"]);
    }

    [Fact]
    public async Task A_run_of_one_batch_has_its_results_written_by_that_batch_with_no_part_to_fan_in()
    {
        await using EngineHarness harness = await EngineHarness.StartAsync(new SimulatorOptions { LatencyMs = 10, UserCount = 45 });

        string runId = await StartAsync(harness, Enumerable.Range(1, 50), new RunSettings(ToleratedFailureCount: 5));
        RunStatus status = await harness.WaitAsync(runId);
        RunResults results = await RunResults.ReadAsync(harness.Results, status.Results!);

        Assert.Equal(("Completed", 45, 5), (status.Status, status.Succeeded, status.Failed));
        Assert.Equal((RunOutcome.Completed, 50, 45, 5, 0),
            (results.Manifest.Status, results.Manifest.Total, results.Manifest.Succeeded, results.Manifest.Failed, results.Manifest.NotAttempted));
        Assert.Equal(Enumerable.Range(1, 45), results.UserIds);
        Assert.Equal(Enumerable.Range(46, 5), results.Failed.Select(f => f.UserId));
        Assert.Equal("50", results.Manifest.Caps["BatchSize"]);
        Assert.True(results.Manifest.CompletedAt > results.Manifest.StartedAt, "the batch stamps the end of the run");
        Assert.Equal(0, await CountBlobsAsync(RunFolder.PartsPrefix(runId)));
        Assert.Equal(50, harness.Simulator.Snapshot().Requests);
    }

    [Fact]
    public async Task A_run_of_one_batch_past_its_threshold_leaves_its_part_for_the_fan_in_and_ends_Failed()
    {
        await using EngineHarness harness = await EngineHarness.StartAsync(new SimulatorOptions { LatencyMs = 10, UserCount = 40 });

        string runId = await StartAsync(harness, Enumerable.Range(1, 50), new RunSettings(ToleratedFailureCount: 5));
        RunStatus status = await harness.WaitAsync(runId);
        RunResults results = await RunResults.ReadAsync(harness.Results, status.Results!);

        Assert.Equal(("Failed", 40, 10), (status.Status, status.Succeeded, status.Failed));
        Assert.Contains("10 of 50 item(s) failed, tolerated 5 failure(s)", status.Error);
        Assert.Equal((RunOutcome.Failed, 50, 0), (results.Manifest.Status, results.Manifest.Total, results.Manifest.NotAttempted));
        Assert.Equal(Enumerable.Range(41, 10), results.Failed.Select(f => f.UserId));
        Assert.Equal(1, await CountBlobsAsync(RunFolder.PartsPrefix(runId)));
    }

    [Fact]
    public async Task Past_its_failure_threshold_a_run_stops_scheduling_ends_Failed_and_still_writes_what_it_did()
    {
        // Users above 50 do not exist: from user 51 on every fetch fails with 404.
        await using EngineHarness harness = await EngineHarness.StartAsync(
            new SimulatorOptions { LatencyMs = 20, UserCount = 50 },
            settings: new Dictionary<string, string?> { ["UserFetch:ChunkSize"] = "100", ["UserApi:MaxConcurrency"] = "8" });

        string runId = await StartAsync(harness, Enumerable.Range(1, 400), new RunSettings(BatchSize: 4, ToleratedFailureCount: 10));
        RunStatus status = await harness.WaitAsync(runId);
        RunResults results = await RunResults.ReadAsync(harness.Results, status.Results!);

        Assert.Equal("Failed", status.Status);
        Assert.StartsWith("failure threshold exceeded", status.Error);
        Assert.Contains("tolerated 10 failure(s)", status.Error);
        Assert.Equal(RunOutcome.Failed, results.Manifest.Status);
        Assert.Equal(400, results.Manifest.Total);
        Assert.Equal(results.Manifest.Total, results.Manifest.Succeeded + results.Manifest.Failed);
        Assert.True(results.Manifest.NotAttempted > 0, "a stopped run leaves items it never scheduled");
        Assert.True(harness.Simulator.Snapshot().Requests < 400, "scheduling stops at the threshold");
        Assert.Equal(results.Manifest.Succeeded, results.UserIds.Count);
        Assert.Contains(results.Failed, f => f.Reason.StartsWith("not attempted: run stopped (failure threshold exceeded", StringComparison.Ordinal));
        Assert.Equal(Enumerable.Range(1, 400), results.UserIds.Concat(results.Failed.Select(f => f.UserId)).Order());
    }

    [Fact]
    public async Task Redrive_after_injected_failures_runs_only_the_failed_users_and_ends_with_all_fetched()
    {
        await using EngineHarness harness = await EngineHarness.StartAsync(
            new SimulatorOptions { LatencyMs = 10, ConcurrencyLimit = 0, ErrorRate = 0.3, RetryAfterSeconds = 0, Seed = 11 },
            settings: new Dictionary<string, string?> { ["UserApi:MaxRetries"] = "0" });

        string firstId = await StartAsync(harness, Enumerable.Range(1, 100), new RunSettings(BatchSize: 5));
        RunStatus first = await harness.WaitAsync(firstId);
        RunResults firstResults = await RunResults.ReadAsync(harness.Results, first.Results!);
        Assert.Equal("Completed", first.Status);
        Assert.InRange(first.Failed, 5, 60);

        harness.Simulator.SetErrorRate(0);
        harness.Simulator.ResetStats();
        RunControlResult redrive = await harness.Get<RunControl>().RedriveAsync(harness.Engine.Client, firstId);
        RunStatus second = await harness.WaitAsync(redrive.RunId!);
        RunResults secondResults = await RunResults.ReadAsync(harness.Results, second.Results!);

        Assert.Equal(first.Failed, redrive.Count);
        Assert.Equal(("Completed", first.Failed, 0), (second.Status, second.Succeeded, second.Failed));
        Assert.Equal(firstId, secondResults.Manifest.Input.RedriveOf);
        Assert.Equal("5", secondResults.Manifest.Caps["BatchSize"]);
        Assert.Equal(firstResults.Failed.Select(f => f.UserId).Order(), secondResults.UserIds.Order());
        Assert.Equal(first.Failed, harness.Simulator.Snapshot().Requests);
        Assert.Equal(Enumerable.Range(1, 100), firstResults.UserIds.Concat(secondResults.UserIds).Order());
    }
}
