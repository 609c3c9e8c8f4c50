using System.Diagnostics;
using Serverless.Core.Runs;
using Serverless.Core.Users;
using Serverless.Simulator;
using Serverless.Tests.Infrastructure;
using Xunit;

namespace Serverless.Tests.Users;

/// <summary>
/// One batch of users on the real engine against a hostile API: each misbehaving answer fails only its own user, with a reason,
/// within the timeouts; the batch's other users are fetched.
/// </summary>
public sealed class HostileApiRunTests
{
    [Fact]
    public async Task Stalled_dripped_huge_redirected_and_foreign_answers_fail_their_users_and_the_rest_of_the_batch_succeeds()
    {
        await using var api = HostileApiServer.Start(id => id switch
        {
            1 => HostileApiServer.Stall(declared: 1000, sent: 8),
            2 => HostileApiServer.Drip(100, TimeSpan.FromSeconds(100)),
            3 => HostileApiServer.Huge(50L * 1024 * 1024, declared: true),
            4 => HostileApiServer.Huge(50L * 1024 * 1024, declared: false),
            5 => HostileApiServer.Respond("302 Found", ["Location: file:///etc/passwd"], []),
            6 => HostileApiServer.Json("{\"id\":66}"),
            _ => HostileApiServer.User(id),
        });
        await using EngineHarness harness = await EngineHarness.StartAsync(
            new SimulatorOptions(),
            settings: new Dictionary<string, string?>
            {
                ["UserApi:BaseUrl"] = api.BaseUrl.ToString(),
                ["UserApi:AttemptTimeout"] = "00:00:01",
                ["UserApi:TotalTimeout"] = "00:00:04",
                ["UserApi:MaxRetries"] = "1",
                ["UserApi:MaxResponseBytes"] = "65536",
                ["UserFetch:BatchSize"] = "10",
            });

        var clock = Stopwatch.StartNew();
        string runId = await harness.Get<UserFetchStarter>().StartAsync(
            harness.Engine.Client, Enumerable.Range(1, 10).ToArray(), new RunSettings(ToleratedFailureCount: 10));
        RunStatus status = await harness.WaitAsync(runId, TimeSpan.FromMinutes(2));
        clock.Stop();

        Assert.Equal("Completed", status.Status);
        RunResults results = await RunResults.ReadAsync(harness.Results, status.Results!);
        Assert.Equal(Enumerable.Range(7, 4), results.UserIds.Order());
        Dictionary<int, string> reasons = results.Failed.ToDictionary(f => f.UserId, f => f.Reason);
        Assert.Equal(Enumerable.Range(1, 6), reasons.Keys.Order());
        Assert.Contains("timed out", reasons[1]);
        Assert.Contains("timed out", reasons[2]);
        Assert.Contains("larger than 65536 bytes", reasons[3]);
        Assert.Contains("larger than 65536 bytes", reasons[4]);
        Assert.Equal("the API redirected (302) to file:///etc/passwd; redirects are not followed", reasons[5]);
        Assert.Contains("with the id 66", reasons[6]);
        Assert.Equal("65536", results.Manifest.Caps["UserApi:MaxResponseBytes"]);
        // Each user is bounded by the 4 s total timeout; the run adds the engine's own scheduling on a loaded machine.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"the run took {clock.Elapsed}");
    }
}
