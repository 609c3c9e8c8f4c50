using Serverless.Core.Runs;
using Serverless.Core.Users;
using Serverless.Simulator;
using Serverless.Tests.Infrastructure;
using Xunit;

namespace Serverless.Tests.Users;

/// <summary>User-fetch runs on the durable engine (Azure Storage provider on Azurite) against the simulator over HTTP.</summary>
public sealed class UserFetchRunTests
{
    static async Task<(RunStatus Status, RunResults Results)> RunAsync(EngineHarness harness, IReadOnlyList<int> ids)
    {
        string runId = await harness.Get<UserFetchStarter>().StartAsync(harness.Engine.Client, ids);
        RunStatus status = await harness.WaitAsync(runId);
        Assert.Equal("Completed", status.Status);
        return (status, await RunResults.ReadAsync(harness.Results, status.Results!));
    }

    [Fact]
    public async Task Fifty_users_at_cap_20_never_exceed_the_API_limit_and_are_all_fetched()
    {
        await using EngineHarness harness = await EngineHarness.StartAsync(new SimulatorOptions { LatencyMs = 100, ConcurrencyLimit = 20 });

        (RunStatus status, RunResults results) = await RunAsync(harness, Enumerable.Range(1, 50).ToArray());

        SimulatorStats api = harness.Simulator.Snapshot();
        Assert.Equal(50, status.Succeeded);
        Assert.Equal(0, status.Failed);
        Assert.Equal(Enumerable.Range(1, 50), results.UserIds.Order());
        Assert.Empty(results.Failed);
        Assert.InRange(api.MaxInFlight, 1, 20);
        Assert.Equal(0, api.TooManyRequests);
        Assert.Equal(50, api.Ok);
        Assert.Equal("20", results.Manifest.Caps["UserApi:MaxConcurrency"]);
        Assert.Equal((50, 50, 0), (results.Manifest.Total, results.Manifest.Succeeded, results.Manifest.Failed));
    }

    [Fact]
    public async Task An_API_limit_below_the_cap_is_answered_by_waiting_out_Retry_After_without_a_ban()
    {
        await using EngineHarness harness = await EngineHarness.StartAsync(new SimulatorOptions { LatencyMs = 100, ConcurrencyLimit = 10 });

        (RunStatus status, RunResults results) = await RunAsync(harness, Enumerable.Range(1, 50).ToArray());

        SimulatorStats api = harness.Simulator.Snapshot();
        Assert.True(api.TooManyRequests > 0, "the API should have pushed back with 429 at least once");
        Assert.Equal(0, api.BanCount);
        Assert.Equal(0, api.Forbidden);
        Assert.Equal(50, status.Succeeded);
        Assert.Equal(Enumerable.Range(1, 50), results.UserIds.Order());
    }

    [Fact]
    public async Task With_20_percent_server_errors_every_user_is_fetched_or_listed_failed_with_its_attempts()
    {
        await using EngineHarness harness = await EngineHarness.StartAsync(
            new SimulatorOptions { LatencyMs = 20, ConcurrencyLimit = 0, ErrorRate = 0.2, RetryAfterSeconds = 0, Seed = 7 },
            settings: new Dictionary<string, string?> { ["UserApi:MaxRetries"] = "1" });

        // One retry against 20 % errors leaves ~4 % of users failed: both lists get members.
        (RunStatus status, RunResults results) = await RunAsync(harness, Enumerable.Range(1, 200).ToArray());

        Assert.True(harness.Simulator.Snapshot().ServerErrors > 0);
        Assert.NotEmpty(results.Failed);
        Assert.Equal(200, results.Manifest.Succeeded + results.Manifest.Failed);
        Assert.Equal(results.Manifest.Succeeded, results.Users.Count);
        Assert.Equal(results.Manifest.Failed, results.Failed.Count);
        Assert.Equal(Enumerable.Range(1, 200), results.UserIds.Concat(results.Failed.Select(f => f.UserId)).Order());
        Assert.All(results.Failed, f =>
        {
            Assert.Equal(2, f.Attempts);
            Assert.Contains("server error", f.Reason);
        });
        Assert.Equal(status.Succeeded, results.Manifest.Succeeded);
    }

    [Fact]
    public async Task Unknown_ids_are_listed_as_not_found_without_retries()
    {
        await using EngineHarness harness = await EngineHarness.StartAsync(new SimulatorOptions { LatencyMs = 10, UserCount = 5 });

        (_, RunResults results) = await RunAsync(harness, Enumerable.Range(1, 8).ToArray());

        Assert.Equal([1, 2, 3, 4, 5], results.UserIds.Order());
        Assert.Equal([6, 7, 8], results.Failed.Select(f => f.UserId).Order());
        Assert.All(results.Failed, f =>
        {
            Assert.Equal(404, f.StatusCode);
            Assert.Equal(1, f.Attempts);
            Assert.Contains("not found", f.Reason);
        });
        Assert.Equal(3, harness.Simulator.Snapshot().NotFound);
    }

    [Fact]
    public async Task A_run_split_into_chunk_sub_orchestrations_keeps_the_cap_and_fetches_everyone_once()
    {
        await using EngineHarness harness = await EngineHarness.StartAsync(
            new SimulatorOptions { LatencyMs = 50, ConcurrencyLimit = 20 },
            settings: new Dictionary<string, string?> { ["UserFetch:ChunkSize"] = "10" });

        (RunStatus status, RunResults results) = await RunAsync(harness, Enumerable.Range(1, 45).ToArray());

        SimulatorStats api = harness.Simulator.Snapshot();
        Assert.Equal(45, status.Succeeded);
        Assert.Equal(Enumerable.Range(1, 45), results.UserIds.Order());
        Assert.InRange(api.MaxInFlight, 1, 20);
        Assert.Equal(0, api.TooManyRequests);
        Assert.Equal(45, api.Ok);
        var chunks = new List<string>();
        await foreach (var instance in harness.Engine.Client.GetAllInstancesAsync(
            new Microsoft.DurableTask.Client.OrchestrationQuery { InstanceIdPrefix = status.Id + "-chunk-" }))
        {
            chunks.Add(instance.InstanceId);
        }

        // Five chunks of at most 10 in four lanes would end with a round of one: eight of 6, two rounds of four.
        Assert.Equal(8, chunks.Count);
    }
}
