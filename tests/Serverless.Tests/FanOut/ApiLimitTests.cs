using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Serverless.Core.Runs;
using Serverless.Core.Runs.FanOut;
using Serverless.Core.Runs.Limits;
using Serverless.Core.Storage;
using Serverless.Core.Users;
using Serverless.Simulator;
using Serverless.Tests.Infrastructure;
using Xunit;

namespace Serverless.Tests.FanOut;

/// <summary>
/// The API's limit as the runs experience it: adaptive windows against a limit the client does not know, and one cap shared by
/// runs started together. The simulator bans clients that keep pushing through 429s, so "never banned" is the test.
/// </summary>
public sealed class ApiLimitTests
{
    static Task<string> StartAsync(EngineHarness harness, int from, int count) =>
        harness.Get<UserFetchStarter>().StartAsync(harness.Engine.Client, Enumerable.Range(from, count).ToArray());

    [Fact]
    public async Task A_limit_that_drops_from_20_to_5_mid_run_causes_no_ban_and_the_run_completes()
    {
        await using EngineHarness harness = await EngineHarness.StartAsync(
            new SimulatorOptions { LatencyMs = 50, ConcurrencyLimit = 20, BanEnabled = true });

        string runId = await StartAsync(harness, 1, 500);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while ((await RunStatusReader.ReadAsync(harness.Engine.Client, runId, TimeProvider.System, timeout.Token))!.Succeeded < 80)
        {
            await Task.Delay(50, timeout.Token);
        }

        harness.Simulator.SetConcurrencyLimit(5);
        RunStatus status = await harness.WaitAsync(runId, TimeSpan.FromMinutes(4));

        SimulatorStats api = harness.Simulator.Snapshot();
        Assert.Equal(("Completed", 500, 0), (status.Status, status.Succeeded, status.Failed));
        Assert.True(api.TooManyRequests > 0, "the lower limit should have been met with 429s");
        Assert.Equal((0L, 0L), (api.BanCount, api.Forbidden));
    }

    [Fact]
    public async Task Two_runs_started_together_never_exceed_the_API_cap_between_them()
    {
        // Strict: a handful of rejected calls in the window is a ban.
        await using EngineHarness harness = await EngineHarness.StartAsync(
            new SimulatorOptions { LatencyMs = 40, ConcurrencyLimit = 10, BanEnabled = true, BanMinRequests = 5, BanRejectRatio = 0.05 },
            settings: new Dictionary<string, string?> { ["UserApi:MaxConcurrency"] = "10", ["UserFetch:ChunkSize"] = "50" });

        string[] runIds = await Task.WhenAll(StartAsync(harness, 1, 150), StartAsync(harness, 1001, 150));
        RunStatus[] statuses = await Task.WhenAll(runIds.Select(id => harness.WaitAsync(id, TimeSpan.FromMinutes(4))));

        SimulatorStats api = harness.Simulator.Snapshot();
        Assert.All(statuses, s => Assert.Equal(("Completed", 150), (s.Status, s.Succeeded)));
        Assert.Equal(0, api.TooManyRequests);
        Assert.Equal(0, api.BanCount);
        Assert.InRange(api.MaxInFlight, 1, 10);
    }

    [Fact]
    public async Task A_run_cancelled_while_waiting_for_permits_is_never_granted_any_and_the_limiter_ends_holding_nothing()
    {
        await using EngineHarness harness = await EngineHarness.StartAsync(
            new SimulatorOptions { LatencyMs = 100, ConcurrencyLimit = 0 },
            // Batches of 25: progress moves between batches, so the first run is seen under way while it still holds the permits.
            settings: new Dictionary<string, string?>
            {
                ["UserApi:MaxConcurrency"] = "5", ["UserFetch:AdaptiveConcurrency"] = "false", ["UserFetch:BatchSize"] = "25",
            });
        DurableTaskClient client = harness.Engine.Client;
        string holding = await StartAsync(harness, 1, 100);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while ((await RunStatusReader.ReadAsync(client, holding, TimeProvider.System, timeout.Token))!.Succeeded < 5)
        {
            await Task.Delay(50, timeout.Token);
        }

        // The first run holds every permit for another ~2 s: the second can only wait, and is cancelled while it does.
        string waiting = await StartAsync(harness, 1001, 50);
        await Task.Delay(500, timeout.Token);
        await harness.Get<RunControl>().CancelAsync(client, waiting);
        RunStatus cancelled = await harness.WaitAsync(waiting);
        RunStatus completed = await harness.WaitAsync(holding);

        Assert.Equal(("Cancelled", 0), (cancelled.Status, cancelled.Succeeded));
        Assert.Equal(("Completed", 100), (completed.Status, completed.Succeeded));
        Assert.Equal(100, harness.Simulator.Snapshot().Ok);
        Assert.Equal((0, 0, 0), await LimiterPoolOnceIdleAsync(harness, TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task A_chunk_that_fails_to_read_its_items_gives_its_permits_back()
    {
        await using EngineHarness harness = await EngineHarness.StartAsync(
            new SimulatorOptions { LatencyMs = 1, ConcurrencyLimit = 0 },
            settings: new Dictionary<string, string?> { ["UserApi:MaxConcurrency"] = "5" });
        DurableTaskClient client = harness.Engine.Client;
        string limiterId = ApiLimiter.InstanceIdFor(harness.Simulator.BaseUrl.ToString());
        await ApiLimiter.EnsureStartedAsync(client, limiterId);
        // A chunk of a run that never wrote its input: it is granted its permits, then its read fails (no such blob).
        var plan = new RunPlan(
            RunKinds.Users, ItemCount: 10, ChunkSize: 5, BatchSize: 5, MaxConcurrency: 5, FailureTolerance.None, "results",
            Adaptive: false, limiterId, RedriveOf: null, Prefix: null, new Dictionary<string, string>(), Articles: null);
        string chunkId = FanOutRun.ChunkId("users-never-written", 0);
        await client.ScheduleNewOrchestrationInstanceAsync(
            nameof(UserFetchChunkOrchestrator), new ChunkWork("users-never-written", plan, 0, 5, 0), new StartOrchestrationOptions(chunkId));

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        OrchestrationMetadata? chunk;
        while ((chunk = await client.GetInstanceAsync(chunkId, getInputsAndOutputs: true, timeout.Token)) is null
               || !OrchestrationStates.HasEnded(chunk.RuntimeStatus))
        {
            await Task.Delay(100, timeout.Token);
        }

        Assert.Equal(OrchestrationRuntimeStatus.Failed, chunk.RuntimeStatus);
        Assert.Contains(nameof(ReadChunkItemsActivity), chunk.FailureDetails?.ErrorMessage ?? chunk.SerializedOutput);
        Assert.Equal((0, 0, 0), await LimiterPoolOnceIdleAsync(harness, TimeSpan.FromSeconds(30)));
    }

    /// <summary>The limiter's permits in use, holders and waiting requests, once nothing is in use or the time is up.</summary>
    static async Task<(int InUse, int Holders, int Waiting)> LimiterPoolOnceIdleAsync(EngineHarness harness, TimeSpan within)
    {
        string limiterId = ApiLimiter.InstanceIdFor(harness.Simulator.BaseUrl.ToString());
        using var timeout = new CancellationTokenSource(within);
        while (true)
        {
            OrchestrationMetadata? limiter =
                await harness.Engine.Client.GetInstanceAsync(limiterId, getInputsAndOutputs: true, CancellationToken.None);
            JsonElement pool = JsonDocument.Parse(limiter?.SerializedCustomStatus ?? "{}").RootElement;
            (int InUse, int Holders, int Waiting) counts = pool.TryGetProperty("InUse", out JsonElement inUse)
                ? (inUse.GetInt32(), pool.GetProperty("Holders").GetInt32(), pool.GetProperty("Waiting").GetInt32())
                : (-1, -1, -1); // no status published yet
            if (counts.InUse == 0 || timeout.IsCancellationRequested)
            {
                return counts;
            }

            await Task.Delay(100, CancellationToken.None);
        }
    }

    [Fact]
    public async Task The_limiter_restarts_itself_across_generations_without_losing_a_request()
    {
        // Two requests per chunk (acquire, release): a hundred chunks make the limiter continue as new twice mid-run.
        int chunks = ApiLimiterOrchestrator.RequestsPerGeneration;
        await using EngineHarness harness = await EngineHarness.StartAsync(
            new SimulatorOptions { LatencyMs = 1, ConcurrencyLimit = 0 },
            settings: new Dictionary<string, string?> { ["UserFetch:ChunkSize"] = "5", ["UserFetch:BatchSize"] = "5" });

        string runId = await StartAsync(harness, 1, chunks * 5);
        RunStatus status = await harness.WaitAsync(runId, TimeSpan.FromMinutes(4));

        Assert.Equal(("Completed", chunks * 5), (status.Status, status.Succeeded));
    }

    [Fact]
    public async Task Without_the_shared_limit_the_same_two_runs_overrun_the_cap()
    {
        // The control for the test above: it shows the simulator does notice two runs pushing together.
        await using EngineHarness harness = await EngineHarness.StartAsync(
            new SimulatorOptions { LatencyMs = 40, ConcurrencyLimit = 10, BanEnabled = false },
            settings: new Dictionary<string, string?>
            {
                ["UserApi:MaxConcurrency"] = "10",
                ["UserFetch:SharedApiLimit"] = "false",
                ["UserFetch:AdaptiveConcurrency"] = "false",
            });

        // Long enough (1.6 s each) that the two overlap even when one starts late on a busy machine.
        string[] runIds = await Task.WhenAll(StartAsync(harness, 1, 400), StartAsync(harness, 1001, 400));
        await Task.WhenAll(runIds.Select(id => harness.WaitAsync(id, TimeSpan.FromMinutes(4))));

        Assert.True(harness.Simulator.Snapshot().TooManyRequests > 0);
    }
}
