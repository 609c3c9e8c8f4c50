using System.Diagnostics;
using Serverless.Core.Runs;
using Serverless.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Serverless.Tests.FunctionsHost;

/// <summary>A host killed with SIGKILL in the middle of a run: started again with the same keys, port and task hub, it finishes the run.</summary>
[Collection(FunctionsHostCollection.Name)]
public sealed class HostKillTests(FunctionsHostFixture host, ITestOutputHelper output)
{
    const int Users = 500;

    [FunctionsHostFact]
    public async Task A_run_survives_a_killed_host_and_fetches_each_user_exactly_once()
    {
        // 500 users, 20 at a time, 400 ms each: about 10 s of fetching, long enough to kill in the middle.
        host.Simulator.SetLatency(400);
        host.Simulator.ResetStats();
        try
        {
            string runId = await host.StartUserFetchAsync(new { from = 1, count = Users });
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
            RunStatus before;
            while ((before = await host.ReadStatusAsync(runId, timeout.Token)).Succeeded < 60)
            {
                await Task.Delay(100, timeout.Token);
            }

            host.Host.KillHard();
            var recovery = Stopwatch.StartNew();
            output.WriteLine($"killed the host (and its worker) at {before.Succeeded}/{Users} succeeded");
            await host.StartHostAsync();
            output.WriteLine($"host started again after {recovery.Elapsed.TotalSeconds:F1} s");

            RunStatus status = await host.WaitAsync(runId, TimeSpan.FromMinutes(4) - recovery.Elapsed);
            output.WriteLine($"run {status.Status} {recovery.Elapsed.TotalSeconds:F1} s after the kill (host start included)");
            RunResults results = await RunResults.ReadAsync(host.Results, status.Results!);

            Assert.Equal(("Completed", Users, 0), (status.Status, status.Succeeded, status.Failed));
            Assert.Equal(Enumerable.Range(1, Users), results.UserIds.Order());
            Assert.Empty(results.Failed);
            Assert.Equal((Users, Users, 0), (results.Manifest.Total, results.Manifest.Succeeded, results.Manifest.Failed));
        }
        finally
        {
            host.Simulator.SetLatency(200);
        }
    }
}
