using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Serverless.Core.Http;
using Serverless.Core.Runs;
using Serverless.Core.Users;
using Serverless.Local.Runner;
using Serverless.Simulator;
using Serverless.Tests.Infrastructure;
using Xunit;

namespace Serverless.Tests.Runs;

/// <summary>The runner's <c>serve</c> API over real HTTP: the routes of <see cref="RunRoutes"/>, cancel and redrive included.</summary>
public sealed class RunsApiServerTests
{
    [Fact]
    public async Task Serve_cancels_and_redrives_runs_like_the_Functions_app()
    {
        await using EngineHarness harness = await EngineHarness.StartAsync(
            new SimulatorOptions { LatencyMs = 10, ConcurrencyLimit = 0, ErrorRate = 0.3, RetryAfterSeconds = 0, Seed = 11 },
            // A third of the calls fail on purpose; the breaker must not open on them, or it would fail the redrive too.
            settings: new Dictionary<string, string?> { ["UserApi:MaxRetries"] = "0", ["UserApi:BreakerMinimumThroughput"] = "100000" });
        await using RunsApiServer.Started server = await RunsApiServer.StartAsync(
            harness.Get<RunsHttpApi>(), harness.Engine.Client, 0, NullLoggerFactory.Instance, CancellationToken.None);
        using var http = new HttpClient { BaseAddress = server.BaseUrl };

        HttpResponseMessage unknown = await http.PostAsync("api/runs/nope/cancel", content: null);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);

        string firstId = await harness.Get<UserFetchStarter>().StartAsync(harness.Engine.Client, Enumerable.Range(1, 40).ToArray());
        RunStatus first = await harness.WaitAsync(firstId);
        Assert.Equal("Completed", first.Status);
        Assert.True(first.Failed > 0, "the simulator's injected errors should leave failed users to redrive");

        HttpResponseMessage late = await http.PostAsync($"api/runs/{firstId}/cancel", content: null);
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);

        harness.Simulator.SetErrorRate(0);
        HttpResponseMessage redrive = await http.PostAsync($"api/runs/{firstId}/redrive", content: null);
        Assert.Equal(HttpStatusCode.Accepted, redrive.StatusCode);
        JsonElement accepted = await redrive.Content.ReadFromJsonAsync<JsonElement>();
        string secondId = accepted.GetProperty("runId").GetString()!;
        RunStatus second = await harness.WaitAsync(secondId);
        Assert.Equal(("Completed", first.Failed, 0), (second.Status, second.Succeeded, second.Failed));

        // The redriven run's status is served on the same table's GET route.
        JsonElement status = await http.GetFromJsonAsync<JsonElement>($"api/runs/{secondId}");
        Assert.Equal("Completed", status.GetProperty("status").GetString());
    }
}
