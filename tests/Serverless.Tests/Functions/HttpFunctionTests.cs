using Microsoft.DurableTask.Client;
using Serverless.Core.Http;
using Serverless.Core.Storage;
using Serverless.Core.Users;
using Serverless.Functions.Runs;
using Serverless.Functions.Users;
using Serverless.Simulator;
using Serverless.Tests.Infrastructure;
using Xunit;

namespace Serverless.Tests.Functions;

/// <summary>One durable engine on Azurite (its own task hub) and a simulator for all HTTP function tests.</summary>
public sealed class HttpFunctionFixture : IAsyncLifetime
{
    public const int MaxUsersPerRun = 1000;

    public EngineHarness Harness { get; private set; } = null!;

    public UserFetchFunctions Users => new(Harness.Get<RunsHttpApi>(), Harness.Get<FetchUserBatchActivity>());

    public RunFunctions Runs => new(Harness.Get<RunsHttpApi>(), Harness.Get<ReadChunkItemsActivity>(), Harness.Get<WriteRunResultsActivity>());

    public DurableTaskClient Client => Harness.Engine.Client;

    public async Task InitializeAsync() =>
        Harness = await EngineHarness.StartAsync(
            new SimulatorOptions { LatencyMs = 10 },
            settings: new Dictionary<string, string?> { ["UserFetch:MaxUsersPerRun"] = MaxUsersPerRun.ToString() });

    public async Task DisposeAsync() => await Harness.DisposeAsync();
}

/// <summary>The HTTP functions called directly, as the Functions host would, with a client of the real engine.</summary>
public sealed class HttpFunctionTests(HttpFunctionFixture fixture) : IClassFixture<HttpFunctionFixture>
{
    public static TheoryData<string, string> BadBodies => new()
    {
        { "", "body" },
        { "   ", "body" },
        { "{\"userIds\":[1,2", "body" },
        { "[1,2,3]", "body" },
        { "{}", "userIds" },
        { "{\"userIds\":\"1,2,3\"}", "userIds" },
        { "{\"userIds\":[]}", "userIds" },
        { "{\"userIds\":[1,\"2\"]}", "userIds[1]" },
        { "{\"userIds\":[1,2.5]}", "userIds[1]" },
        { "{\"userIds\":[0]}", "userIds[0]" },
        { "{\"userIds\":[5,-3]}", "userIds[1]" },
        { "{\"userIds\":[1,99999999999]}", "userIds[1]" },
        { "{\"userIds\":[1],\"from\":1,\"count\":2}", "userIds" },
        { "{\"from\":1}", "count" },
        { "{\"count\":5}", "from" },
        { "{\"from\":0,\"count\":5}", "from" },
        { "{\"from\":\"1\",\"count\":5}", "from" },
        { "{\"from\":1,\"count\":-5}", "count" },
        { "{\"from\":1,\"count\":1001}", "count" },
        { "{\"from\":2147483000,\"count\":1000}", "count" },
        { "{\"from\":1,\"count\":1e30}", "count" },
        { "{\"userIds\":[1],\"batchSize\":0}", "batchSize" },
        { "{\"userIds\":[1],\"batchSize\":\"5\"}", "batchSize" },
        { "{\"userIds\":[1],\"batchSize\":1001}", "batchSize" },
        { "{\"userIds\":[1],\"toleratedFailurePercent\":150}", "toleratedFailurePercent" },
        { "{\"userIds\":[1],\"toleratedFailureCount\":-1}", "toleratedFailureCount" },
        { "{\"userIds\":[1],\"toleratedFailureCount\":2.5}", "toleratedFailureCount" },
        { "{\"userIds\":[1],\"dryRun\":true}", "dryRun" },
        { "{\"userId\":[1]}", "userId" },
        { "{\"userIds\":[1],\"batchsize\":5}", "batchsize" },
        { "{\"from\":1,\"count\":2,\"UserIds\":[3]}", "UserIds" },
        { "\uFEFF{\"userIds\":[1],\"extra\":1}", "extra" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Bad_input_gets_400_with_a_problem_naming_the_field_and_starts_nothing(string body, string field)
    {
        int before = await CountRunsAsync();
        var request = HttpCall.Request("POST", "/api/users/fetch", body);

        HttpCall.Response response = await HttpCall.RenderAsync(request, await fixture.Users.Start(request, fixture.Client, CancellationToken.None));

        Assert.Equal(400, response.Status);
        Assert.StartsWith("application/problem+json", response.ContentType);
        Assert.Equal(field, response.Json.GetProperty("field").GetString());
        Assert.True(response.Json.GetProperty("errors").TryGetProperty(field, out _));
        Assert.Equal(400, response.Json.GetProperty("status").GetInt32());
        Assert.Equal(before, await CountRunsAsync());
    }

    [Fact]
    public async Task More_ids_than_the_per_run_maximum_are_refused()
    {
        string ids = string.Join(',', Enumerable.Range(1, HttpFunctionFixture.MaxUsersPerRun + 1));
        var request = HttpCall.Request("POST", "/api/users/fetch", $"{{\"userIds\":[{ids}]}}");

        HttpCall.Response response = await HttpCall.RenderAsync(request, await fixture.Users.Start(request, fixture.Client, CancellationToken.None));

        Assert.Equal(400, response.Status);
        Assert.Equal("userIds", response.Json.GetProperty("field").GetString());
        Assert.Contains("1000", response.Json.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_valid_request_is_accepted_deduplicated_and_its_status_reports_the_finished_run()
    {
        var start = HttpCall.Request("POST", "/api/users/fetch", "{\"userIds\":[3,1,2,3,1]}");
        HttpCall.Response accepted = await HttpCall.RenderAsync(start, await fixture.Users.Start(start, fixture.Client, CancellationToken.None));

        Assert.Equal(202, accepted.Status);
        string runId = accepted.Json.GetProperty("runId").GetString()!;
        Assert.Equal(3, accepted.Json.GetProperty("total").GetInt32());
        Assert.Equal($"http://localhost:7071/api/runs/{runId}", accepted.Location);
        Assert.Equal(accepted.Location, accepted.Json.GetProperty("statusUrl").GetString());

        await fixture.Harness.WaitAsync(runId);
        var get = HttpCall.Request("GET", $"/api/runs/{runId}");
        HttpCall.Response status = await HttpCall.RenderAsync(get, await fixture.Runs.Get(get, runId, fixture.Client, CancellationToken.None));

        Assert.Equal(200, status.Status);
        Assert.Equal("Completed", status.Json.GetProperty("status").GetString());
        Assert.Equal(3, status.Json.GetProperty("total").GetInt32());
        Assert.Equal(3, status.Json.GetProperty("succeeded").GetInt32());
        Assert.Equal(0, status.Json.GetProperty("failed").GetInt32());
        Assert.True(status.Json.GetProperty("elapsedSeconds").GetDouble() > 0);
        Assert.Equal($"{runId}/manifest.json", status.Json.GetProperty("results").GetProperty("manifest").GetString());
        Assert.Equal([1, 2, 3], (await RunResults.ReadAsync(fixture.Harness.Results, RunFolderOf(runId))).UserIds.Order());
    }

    [Fact]
    public async Task A_body_that_starts_with_a_utf8_byte_order_mark_is_accepted()
    {
        var start = HttpCall.Request("POST", "/api/users/fetch", "\uFEFF{\"userIds\":[4,5],\"batchSize\":1}");
        HttpCall.Response accepted = await HttpCall.RenderAsync(start, await fixture.Users.Start(start, fixture.Client, CancellationToken.None));

        Assert.True(accepted.Status == 202, accepted.Body);
        Assert.Equal(2, accepted.Json.GetProperty("total").GetInt32());
        Assert.Equal("Completed", (await fixture.Harness.WaitAsync(accepted.Json.GetProperty("runId").GetString()!)).Status);
    }

    [Fact]
    public async Task An_unknown_field_is_refused_naming_it_and_the_fields_the_request_takes()
    {
        var request = HttpCall.Request("POST", "/api/users/fetch", "{\"userIds\":[1],\"batchsize\":5}");

        HttpCall.Response response = await HttpCall.RenderAsync(request, await fixture.Users.Start(request, fixture.Client, CancellationToken.None));

        Assert.Equal(400, response.Status);
        string detail = response.Json.GetProperty("detail").GetString()!;
        Assert.Contains("Unknown field 'batchsize'", detail);
        Assert.Contains("batchSize", detail);
    }

    [Theory]
    [InlineData("{\"prefix\":\"papers/\",\"recursive\":true}", "recursive")]
    [InlineData("{\"blobName\":[\"a.txt\"]}", "blobName")]
    [InlineData("\uFEFF{\"blobNames\":[\"a.txt\"],\"batchsize\":2}", "batchsize")]
    public void An_article_request_with_an_unknown_field_is_refused_naming_it(string body, string field)
    {
        ArticleAnalyzeRequestParser.Result parsed = ArticleAnalyzeRequestParser.Parse(System.Text.Encoding.UTF8.GetBytes(body), 100);

        Assert.Equal(field, parsed.Error?.Field);
    }

    [Fact]
    public void An_article_request_and_its_settings_after_a_byte_order_mark_are_read()
    {
        byte[] body = System.Text.Encoding.UTF8.GetBytes("\uFEFF{\"blobNames\":[\"a.txt\",\"b.txt\"],\"batchSize\":7}");

        ArticleAnalyzeRequestParser.Result parsed = ArticleAnalyzeRequestParser.Parse(body, 100);
        RunSettingsParser.Result settings = RunSettingsParser.Parse(body);

        Assert.Null(parsed.Error);
        Assert.Equal(["a.txt", "b.txt"], parsed.BlobNames);
        Assert.Equal(7, settings.Settings?.BatchSize);
    }

    [Fact]
    public async Task A_range_request_is_accepted()
    {
        var start = HttpCall.Request("POST", "/api/users/fetch", "{\"from\":10,\"count\":5}");
        HttpCall.Response accepted = await HttpCall.RenderAsync(start, await fixture.Users.Start(start, fixture.Client, CancellationToken.None));

        Assert.Equal(202, accepted.Status);
        Assert.Equal(5, accepted.Json.GetProperty("total").GetInt32());
        await fixture.Harness.WaitAsync(accepted.Json.GetProperty("runId").GetString()!);
    }

    [Fact]
    public async Task An_unknown_run_is_a_404_problem()
    {
        var get = HttpCall.Request("GET", "/api/runs/nope");
        HttpCall.Response response = await HttpCall.RenderAsync(get, await fixture.Runs.Get(get, "nope", fixture.Client, CancellationToken.None));

        Assert.Equal(404, response.Status);
        Assert.StartsWith("application/problem+json", response.ContentType);
        Assert.Contains("nope", response.Json.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Cancel_and_redrive_of_an_unknown_run_are_404_problems()
    {
        var cancel = HttpCall.Request("POST", "/api/runs/nope/cancel");
        HttpCall.Response cancelled = await HttpCall.RenderAsync(
            cancel, await fixture.Runs.Cancel(cancel, "nope", fixture.Client, CancellationToken.None));
        var redrive = HttpCall.Request("POST", "/api/runs/nope/redrive");
        HttpCall.Response redriven = await HttpCall.RenderAsync(
            redrive, await fixture.Runs.Redrive(redrive, "nope", fixture.Client, CancellationToken.None));

        Assert.Equal((404, 404), (cancelled.Status, redriven.Status));
        Assert.StartsWith("application/problem+json", cancelled.ContentType);
        Assert.Contains("nope", redriven.Json.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_finished_run_cannot_be_cancelled_and_one_without_failures_has_nothing_to_redrive()
    {
        var start = HttpCall.Request("POST", "/api/users/fetch", "{\"userIds\":[1,2],\"batchSize\":2}");
        string runId = (await HttpCall.RenderAsync(
            start, await fixture.Users.Start(start, fixture.Client, CancellationToken.None))).Json.GetProperty("runId").GetString()!;
        await fixture.Harness.WaitAsync(runId);

        var cancel = HttpCall.Request("POST", $"/api/runs/{runId}/cancel");
        HttpCall.Response cancelled = await HttpCall.RenderAsync(
            cancel, await fixture.Runs.Cancel(cancel, runId, fixture.Client, CancellationToken.None));
        var redrive = HttpCall.Request("POST", $"/api/runs/{runId}/redrive");
        HttpCall.Response redriven = await HttpCall.RenderAsync(
            redrive, await fixture.Runs.Redrive(redrive, runId, fixture.Client, CancellationToken.None));

        Assert.Equal(409, cancelled.Status);
        Assert.Contains("already finished", cancelled.Json.GetProperty("detail").GetString());
        Assert.Equal(409, redriven.Status);
        Assert.Contains("no failed items", redriven.Json.GetProperty("detail").GetString());
    }

    static Core.Runs.RunFiles RunFolderOf(string runId) => Core.Runs.RunFolder.ForUsers("results", runId);

    async Task<int> CountRunsAsync()
    {
        int count = 0;
        await foreach (OrchestrationMetadata _ in fixture.Client.GetAllInstancesAsync(new OrchestrationQuery()))
        {
            count++;
        }

        return count;
    }
}
