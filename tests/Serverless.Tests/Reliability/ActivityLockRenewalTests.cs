using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Serverless.Core.Runs;
using Serverless.Core.Users;
using Serverless.Local.Engine;
using Serverless.Simulator;
using Serverless.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Serverless.Tests.Reliability;

/// <summary>
/// An activity that runs longer than the work-item visibility timeout keeps its message hidden (the engine renews its lock), so
/// another worker on the same task hub never runs it a second time.
/// </summary>
public sealed class ActivityLockRenewalTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_batch_longer_than_the_visibility_timeout_runs_once_with_two_workers_on_the_task_hub()
    {
        Azurite.EnsureRunning();
        // One batch of 3 users fetched one at a time, 5 s each: 15 s, over two and a half visibility timeouts.
        await using ApiSimulator api = await ApiSimulator.StartAsync(new SimulatorOptions { LatencyMs = 5_000, ConcurrencyLimit = 0 });
        using ILoggerFactory loggers = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Error));
        string hub = Azurite.NewTaskHub("r");
        HostJsonStorage storage = HostJsonStorage.ProviderDefaults with
        {
            WorkItemQueueVisibilityTimeout = TimeSpan.FromSeconds(6),
            ControlQueueVisibilityTimeout = TimeSpan.FromMinutes(1),
            MaxQueuePollingInterval = TimeSpan.FromSeconds(1),
        };
        var settings = new Dictionary<string, string?>
        {
            ["UserApi:MaxConcurrency"] = "1",
            ["UserFetch:AdaptiveConcurrency"] = "false",
        };
        await using DurableEngine first = await ReliabilityEngines.StartAsync(hub, api.BaseUrl.ToString(), storage, loggers, settings);
        await using DurableEngine second = await ReliabilityEngines.StartAsync(hub, api.BaseUrl.ToString(), storage, loggers, settings);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        string runId = await first.Services.GetRequiredService<UserFetchStarter>().StartAsync(
            first.Client, [1, 2, 3], new RunSettings(BatchSize: 3));
        RunStatus status = await WaitAsync(first, runId, TimeSpan.FromMinutes(2));
        output.WriteLine($"{status.Status} after {clock.Elapsed.TotalSeconds:F1} s; API served {api.Snapshot().Ok}");

        Assert.True(status.IsCompleted, status.Status);
        Assert.True(clock.Elapsed > TimeSpan.FromSeconds(12), $"the batch took {clock.Elapsed}: not longer than the timeout, proves nothing");
        // Let a message that came back be run again, if it did, before counting.
        await Task.Delay(TimeSpan.FromSeconds(8));
        Assert.Equal(3, api.Snapshot().Requests);
        Assert.Equal(0, api.Snapshot().DuplicateOk);
    }

    static async Task<RunStatus> WaitAsync(DurableEngine engine, string runId, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (true)
        {
            if (await RunStatusReader.ReadAsync(engine.Client, runId, TimeProvider.System, cts.Token) is { IsFinished: true } status)
            {
                return status;
            }

            await Task.Delay(200, cts.Token);
        }
    }
}
