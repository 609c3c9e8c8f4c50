using System.ComponentModel.DataAnnotations;
using System.Diagnostics;
using Microsoft.DurableTask.Client;
using Serverless.Core.Options;
using Serverless.Core.Runs;
using Serverless.Core.Runs.FanOut;
using Serverless.Core.Runs.Limits;
using Serverless.Core.Users;
using Serverless.Simulator;
using Serverless.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Serverless.Tests.FanOut;

/// <summary>
/// A ban (403) pauses the run, and through the API limiter every run against the API, for the ban's Retry-After or the
/// configured cooldown; the users it cut short are tried again after it. A second ban fails the run, its unattempted users
/// listed for redrive. On the real engine, against the simulator banning on cue.
/// </summary>
public sealed class BanPauseTests(ITestOutputHelper output)
{
    const int Cap = 10;
    static readonly TimeSpan Ban = TimeSpan.FromSeconds(4);

    static Task<string> StartAsync(EngineHarness harness, int from, int count) =>
        harness.Get<UserFetchStarter>().StartAsync(harness.Engine.Client, Enumerable.Range(from, count).ToArray());

    static Dictionary<string, string?> Settings(string banCooldown = "00:01:00") => new()
    {
        ["UserApi:MaxConcurrency"] = $"{Cap}", ["UserFetch:BatchSize"] = "20", ["UserFetch:BanCooldown"] = banCooldown,
    };

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_ban_pauses_the_run_no_request_reaches_the_API_meanwhile_then_it_completes_with_every_user_once(bool retryAfter)
    {
        // Without a Retry-After the configured cooldown applies: the same 4 s.
        await using EngineHarness harness = await EngineHarness.StartAsync(
            new SimulatorOptions
            {
                LatencyMs = 20, ConcurrencyLimit = 0, BanEnabled = true, BanAfterRequests = 100, BanCooldown = Ban,
                BanRetryAfterSeconds = retryAfter ? null : 0,
            },
            settings: Settings(retryAfter ? "00:01:00" : "00:00:04"));
        ApiSimulator api = harness.Simulator;

        string runId = await StartAsync(harness, 1, 400);
        var sinceBan = await WaitForBanAsync(api);
        // Calls already on their way when the ban began meet it too; after a second every batch has stopped.
        await Task.Delay(TimeSpan.FromSeconds(1));
        long requestsAfterStop = api.SnapshotCounters().Requests;
        await Task.Delay(Ban - sinceBan.Elapsed - TimeSpan.FromMilliseconds(300));
        long requestsBeforeBanEnds = api.SnapshotCounters().Requests;
        RunStatus status = await harness.WaitAsync(runId, TimeSpan.FromMinutes(3));
        RunResults results = await RunResults.ReadAsync(harness.Results, status.Results!);
        SimulatorStats stats = api.Snapshot();
        output.WriteLine($"{status.ElapsedSeconds:F1} s; 403s {stats.Forbidden}; requests {stats.Requests}; duplicates {stats.DuplicateOk}");

        Assert.Equal(requestsAfterStop, requestsBeforeBanEnds);
        Assert.InRange(stats.Forbidden, 1, 2 * Cap);
        Assert.Equal(("Completed", 400, 0), (status.Status, status.Succeeded, status.Failed));
        Assert.Equal(Enumerable.Range(1, 400), results.UserIds.Order());
        Assert.Empty(results.Failed);
        Assert.Equal((400, 400, 0), (results.Manifest.Total, results.Manifest.Succeeded, results.Manifest.Failed));
        Assert.True(status.ElapsedSeconds >= Ban.TotalSeconds, $"the run took {status.ElapsedSeconds:F1} s, less than the ban");
    }

    [Fact]
    public async Task A_second_ban_fails_the_run_with_the_reason_and_lists_its_unattempted_users_for_redrive()
    {
        // The API says come back in 1 s, but has not forgiven us by then.
        await using EngineHarness harness = await EngineHarness.StartAsync(
            new SimulatorOptions
            {
                LatencyMs = 20, ConcurrencyLimit = 0, BanEnabled = true, BanAfterRequests = 60, BanCooldown = TimeSpan.FromMinutes(10),
                BanRetryAfterSeconds = 1,
            },
            settings: Settings());

        string runId = await StartAsync(harness, 1, 300);
        RunStatus status = await harness.WaitAsync(runId, TimeSpan.FromMinutes(3));
        RunResults results = await RunResults.ReadAsync(harness.Results, status.Results!);
        SimulatorStats stats = harness.Simulator.Snapshot();
        output.WriteLine($"{status.Status}: {status.Error}; {results.Manifest.Succeeded} ok, {results.Failed.Count} failed; 403s {stats.Forbidden}");

        Assert.Equal("Failed", status.Status);
        Assert.Contains("the API banned us twice", status.Error ?? "");
        Assert.Equal(RunOutcome.Failed, results.Manifest.Status);
        Assert.StartsWith("the API banned us twice", results.Manifest.Reason);
        Assert.Equal(300, results.Manifest.Total);
        Assert.Equal(300, results.Manifest.Succeeded + results.Manifest.Failed);
        Assert.InRange(results.Manifest.Succeeded, 1, stats.DistinctIdsServed);
        Assert.Equal(Enumerable.Range(1, 300), results.UserIds.Concat(results.Failed.Select(f => f.UserId)).Order());
        Assert.NotEmpty(results.Failed);
        Assert.All(results.Failed, f => Assert.StartsWith("not attempted: run stopped (the API banned us twice", f.Reason));
        Assert.Equal(results.Failed.Count, results.Manifest.NotAttempted);
        Assert.InRange(stats.Forbidden, 2, 4 * Cap);
    }

    [Fact]
    public async Task The_limiters_pause_holds_a_run_that_asks_for_permits_during_it()
    {
        await using EngineHarness harness = await EngineHarness.StartAsync(
            new SimulatorOptions { LatencyMs = 20, ConcurrencyLimit = 0 }, settings: Settings());
        DurableTaskClient client = harness.Engine.Client;
        string limiterId = ApiLimiter.InstanceIdFor(harness.Simulator.BaseUrl.ToString());
        await ApiLimiter.EnsureStartedAsync(client, limiterId);
        // Another run's ban, as its window reports it to the limiter.
        var banned = Stopwatch.StartNew();
        await client.RaiseEventAsync(
            limiterId, RunEvents.PermitRequest, new PermitRequest(PermitRequest.Ban, "another-run", 0, 0, DateTime.UtcNow + Ban));

        string runId = await StartAsync(harness, 1, 100);
        await Task.Delay(Ban - banned.Elapsed - TimeSpan.FromMilliseconds(300));
        long requestsDuringPause = harness.Simulator.SnapshotCounters().Requests;
        RunStatus status = await harness.WaitAsync(runId, TimeSpan.FromMinutes(2));

        Assert.Equal(0, requestsDuringPause);
        Assert.Equal(("Completed", 100), (status.Status, status.Succeeded));
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("2.00:00:00")]
    public void A_ban_cooldown_outside_one_second_to_one_day_is_refused(string cooldown)
    {
        var options = new UserFetchOptions { BanCooldown = TimeSpan.Parse(cooldown, System.Globalization.CultureInfo.InvariantCulture) };
        var errors = new List<ValidationResult>();

        Assert.False(Validator.TryValidateObject(options, new ValidationContext(options), errors, validateAllProperties: true));
        Assert.Contains(errors, e => e.MemberNames.Contains(nameof(UserFetchOptions.BanCooldown)));
    }

    static async Task<Stopwatch> WaitForBanAsync(ApiSimulator api)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (api.SnapshotCounters().BanCount == 0)
        {
            await Task.Delay(10, timeout.Token);
        }

        return Stopwatch.StartNew();
    }
}
