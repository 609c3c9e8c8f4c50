using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Serverless.Core.Http;
using Serverless.Local.Runner;
using Serverless.Simulator;
using Serverless.Tests.Infrastructure;
using Xunit;

namespace Serverless.Tests.Runs;

/// <summary>
/// <c>serve</c> answers a start and a running run's status as a poller of long jobs expects (202, <c>Location</c>,
/// <c>Retry-After</c>) and the finished run's status with a 200, so a client that knows only those conventions waits for the end.
/// </summary>
public sealed class AsyncRequestReplyTests
{
    [Fact]
    public async Task A_poller_that_knows_only_http_conventions_follows_a_run_to_its_end_under_serve()
    {
        // 300 users at 100 ms, 10 at once: about 3 s of calls, so the status is read while the run runs.
        await using EngineHarness harness = await EngineHarness.StartAsync(
            new SimulatorOptions { LatencyMs = 100, ConcurrencyLimit = 0 },
            settings: new Dictionary<string, string?> { ["UserApi:MaxConcurrency"] = "10" });
        await using RunsApiServer.Started server = await RunsApiServer.StartAsync(
            harness.Get<RunsHttpApi>(), harness.Engine.Client, 0, NullLoggerFactory.Instance, CancellationToken.None);
        using var http = new HttpClient { BaseAddress = server.BaseUrl };

        HttpResponseMessage started = await http.PostAsJsonAsync("api/users/fetch", new { from = 1, count = 300 });
        IReadOnlyList<ConventionalPoller.Answer> answers = await ConventionalPoller.FollowAsync(http, started, TimeSpan.FromMinutes(2));

        RunAssertions.FollowedToTheEnd(answers, new Uri(server.BaseUrl, "api/runs/"), total: 300);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(9.9, 1)]
    [InlineData(25, 2)]
    [InlineData(90, 9)]
    [InlineData(3600, 15)]
    [InlineData(double.NaN, 1)]
    public void Retry_after_grows_with_the_runs_age_within_bounds(double elapsedSeconds, int expected) =>
        Assert.Equal(expected, RunPollInterval.SecondsFor(elapsedSeconds));
}
