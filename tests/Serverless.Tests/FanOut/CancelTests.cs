using Serverless.Core.Runs;
using Serverless.Core.Users;
using Serverless.Simulator;
using Serverless.Tests.Infrastructure;
using Xunit;

namespace Serverless.Tests.FanOut;

public sealed class CancelTests
{
    [Fact]
    public async Task A_cancelled_run_stops_scheduling_lets_in_flight_work_finish_and_writes_a_cancelled_manifest()
    {
        await using EngineHarness harness = await EngineHarness.StartAsync(
            new SimulatorOptions { LatencyMs = 150, ConcurrencyLimit = 0 },
            settings: new Dictionary<string, string?> { ["UserApi:MaxConcurrency"] = "5", ["UserFetch:ChunkSize"] = "100" });
        string runId = await harness.Get<UserFetchStarter>().StartAsync(harness.Engine.Client, Enumerable.Range(1, 300).ToArray());
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while ((await RunStatusReader.ReadAsync(harness.Engine.Client, runId, TimeProvider.System, timeout.Token))!.Succeeded < 10)
        {
            await Task.Delay(50, timeout.Token);
        }

        RunControlResult cancel = await harness.Get<RunControl>().CancelAsync(harness.Engine.Client, runId);
        RunStatus status = await harness.WaitAsync(runId);
        RunResults results = await RunResults.ReadAsync(harness.Results, status.Results!);
        SimulatorStats api = harness.Simulator.Snapshot();

        Assert.Null(cancel.Error);
        Assert.Equal("Cancelled", status.Status);
        Assert.Equal(RunOutcome.Cancelled, results.Manifest.Status);
        Assert.Equal(RunControl.CancelReason, results.Manifest.Reason);
        Assert.InRange(results.Manifest.NotAttempted, 1, 289);
        Assert.Equal(300, results.Manifest.Succeeded + results.Manifest.Failed);
        // In-flight fetches finished rather than being cut off: every call the API answered is in the results.
        Assert.Equal(0, api.CurrentInFlight);
        Assert.Equal(api.Ok, results.UserIds.Count);
        Assert.All(results.Failed, f => Assert.StartsWith("not attempted: run stopped (cancelled on request)", f.Reason));

        RunControlResult again = await harness.Get<RunControl>().CancelAsync(harness.Engine.Client, runId);
        Assert.Equal(409, again.ErrorStatus);
    }
}
