using Serverless.Core.Runs;
using Serverless.Simulator;
using Serverless.Tests.FunctionsHost;
using Serverless.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Serverless.Tests.ScaleOut;

/// <summary>
/// The API cap is one for the app, not one per instance: runs on several host instances of one task hub share the
/// limiter orchestration's permits, so the user API never sees more than UserApi:MaxConcurrency at once.
/// </summary>
public sealed class GlobalCapTests(ITestOutputHelper output)
{
    static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(6);

    [FunctionsHostFact]
    public async Task A_run_started_on_one_of_three_instances_is_spread_over_them_under_one_global_cap()
    {
        await using ScaleOutCluster cluster = await ScaleOutCluster.StartAsync(3, Api(latencyMs: 100));
        HostInstance first = cluster.Instances[0];

        // Batches of 5: four in flight under the cap of 20 and 200 in all, so the instances' pollers compete for them (one
        // batch of 100 at a time went to whichever instance had just finished the last one).
        string runId = await first.StartAsync("api/users/fetch", new { from = 1, count = 1000, batchSize = 5 });
        RunStatus status = await ScaleOutCluster.WaitAsync(first, runId, RunTimeout);
        RunResults results = await RunResults.ReadAsync(cluster.Results, status.Results!);
        SimulatorStats api = cluster.Simulator.SnapshotCounters();
        output.WriteLine($"{status.ElapsedSeconds:F1} s; fetch activities per instance: {cluster.Shares(HostInstance.ExecutedFetch)}; " +
            $"API max in flight {api.MaxInFlight}, 429s {api.TooManyRequests}, bans {api.BanCount}");

        Assert.Equal(("Completed", 1000, 0), (status.Status, status.Succeeded, status.Failed));
        Assert.Equal(Enumerable.Range(1, 1000), results.UserIds.Order());
        Assert.True(cluster.Instances.Count(i => i.Executions(HostInstance.ExecutedFetch) > 0) > 1, cluster.Shares(HostInstance.ExecutedFetch));
        Assert.InRange(api.MaxInFlight, 1, ScaleOutCluster.MaxConcurrency);
        Assert.Equal((0L, 0L), (api.TooManyRequests, api.BanCount));
    }

    [FunctionsHostFact]
    public async Task Two_runs_started_on_different_instances_share_the_one_cap_and_both_complete()
    {
        await using ScaleOutCluster cluster = await ScaleOutCluster.StartAsync(2, Api(latencyMs: 20));

        string[] runIds = await Task.WhenAll(
            cluster.Instances[0].StartAsync("api/users/fetch", new { from = 1, count = 300, batchSize = 50 }),
            cluster.Instances[1].StartAsync("api/users/fetch", new { from = 10_001, count = 300, batchSize = 50 }));
        RunStatus[] statuses = await Task.WhenAll(
            ScaleOutCluster.WaitAsync(cluster.Instances[0], runIds[0], RunTimeout),
            ScaleOutCluster.WaitAsync(cluster.Instances[1], runIds[1], RunTimeout));
        RunResults[] results = await Task.WhenAll(statuses.Select(s => RunResults.ReadAsync(cluster.Results, s.Results!)));
        SimulatorStats api = cluster.Simulator.SnapshotCounters();
        output.WriteLine($"{statuses[0].ElapsedSeconds:F1} s and {statuses[1].ElapsedSeconds:F1} s; per instance: " +
            $"{cluster.Shares(HostInstance.ExecutedFetch)}; API max in flight {api.MaxInFlight}, 429s {api.TooManyRequests}");

        Assert.All(statuses, s => Assert.Equal(("Completed", 300, 0), (s.Status, s.Succeeded, s.Failed)));
        Assert.Equal(Enumerable.Range(1, 300), results[0].UserIds.Order());
        Assert.Equal(Enumerable.Range(10_001, 300), results[1].UserIds.Order());
        Assert.InRange(api.MaxInFlight, 1, ScaleOutCluster.MaxConcurrency);
        Assert.Equal((0L, 0L), (api.TooManyRequests, api.BanCount));
    }

    internal static SimulatorOptions Api(int latencyMs) =>
        new() { LatencyMs = latencyMs, ConcurrencyLimit = ScaleOutCluster.MaxConcurrency, BanEnabled = true };
}
