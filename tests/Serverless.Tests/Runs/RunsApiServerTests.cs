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

    [Fact]
    public async Task The_api_limiter_and_a_runs_chunks_are_no_runs_on_any_route()
    {
        // Chunks of 10: the run's 30 users go through chunk sub-orchestrations, and the shared limit through the limiter.
        await using EngineHarness harness = await EngineHarness.StartAsync(
            new SimulatorOptions { LatencyMs = 10, ConcurrencyLimit = 0 },
            settings: new Dictionary<string, string?> { ["UserFetch:ChunkSize"] = "10", ["UserFetch:SharedApiLimit"] = "true" });
        await using RunsApiServer.Started server = await RunsApiServer.StartAsync(
            harness.Get<RunsHttpApi>(), harness.Engine.Client, 0, NullLoggerFactory.Instance, CancellationToken.None);
        using var http = new HttpClient { BaseAddress = server.BaseUrl };
        string runId = await harness.Get<UserFetchStarter>().StartAsync(harness.Engine.Client, Enumerable.Range(1, 30).ToArray());
        Assert.Equal("Completed", (await harness.WaitAsync(runId)).Status);
        string chunk = Core.Runs.FanOut.FanOutRun.ChunkId(runId, 0);
        string limiter = Core.Runs.Limits.ApiLimiter.InstanceIdFor(harness.Simulator.BaseUrl.ToString());
        Assert.NotNull(await harness.Engine.Client.GetInstanceAsync(chunk));
        Assert.NotNull(await harness.Engine.Client.GetInstanceAsync(limiter));

        foreach (string id in new[] { chunk, limiter })
        {
            foreach ((HttpMethod method, string path) in new[]
            {
                (HttpMethod.Get, ""), (HttpMethod.Get, "/view"), (HttpMethod.Get, "/failures"), (HttpMethod.Get, "/files/manifest"),
                (HttpMethod.Post, "/cancel"), (HttpMethod.Post, "/redrive"),
            })
            {
                using HttpResponseMessage response = await http.SendAsync(new HttpRequestMessage(method, $"api/runs/{id}{path}"));
                string body = await response.Content.ReadAsStringAsync();
                Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{method} {id}{path}: {(int)response.StatusCode} {body}");
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                Assert.Contains($"No run with id '{id}'", JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString());
            }
        }

        // The run itself still answers on every read route.
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"api/runs/{runId}/files/manifest")).StatusCode);
    }

    [Fact]
    public async Task A_wrong_method_and_a_too_long_url_are_answered_with_problems()
    {
        await using EngineHarness harness = await EngineHarness.StartAsync(new SimulatorOptions { LatencyMs = 10 });
        await using RunsApiServer.Started server = await RunsApiServer.StartAsync(
            harness.Get<RunsHttpApi>(), harness.Engine.Client, 0, NullLoggerFactory.Instance, CancellationToken.None);
        using var http = new HttpClient { BaseAddress = server.BaseUrl };

        using HttpResponseMessage wrongMethod = await http.GetAsync("api/users/fetch");
        using HttpResponseMessage put = await http.PutAsync("api/runs/nope/cancel", content: null);
        using HttpResponseMessage tooLong = await http.GetAsync("api/runs/" + new string('a', 20_000));
        using HttpResponseMessage longQuery = await http.GetAsync("api/runs/nope?x=" + new string('b', 10_000));
        using HttpResponseMessage noRoute = await http.GetAsync("api/nothing-here");

        foreach ((string what, HttpResponseMessage response, HttpStatusCode status) in new[]
        {
            ("GET users/fetch", wrongMethod, HttpStatusCode.MethodNotAllowed), ("PUT cancel", put, HttpStatusCode.MethodNotAllowed),
            ("long path", tooLong, HttpStatusCode.RequestUriTooLong), ("long query", longQuery, HttpStatusCode.RequestUriTooLong),
            ("no route", noRoute, HttpStatusCode.NotFound),
        })
        {
            string body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == status, $"{what}: {(int)response.StatusCode} {body}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            JsonElement problem = JsonDocument.Parse(body).RootElement;
            Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
            Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()));
        }

        Assert.Contains("POST", JsonDocument.Parse(await wrongMethod.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString());
    }
}
