using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Serverless.Core.Http;
using Serverless.Core.Runs;
using Serverless.Core.Users;
using Serverless.Simulator;
using Serverless.Tests.Infrastructure;
using Xunit;

namespace Serverless.Tests.StatusPage;

/// <summary>One finished user run (users 1..5 exist, 6 and 7 do not) shared by the handler tests.</summary>
public sealed class FinishedRunFixture : IAsyncLifetime
{
    public EngineHarness Harness { get; private set; } = null!;

    public RunsHttpApi Api => Harness.Get<RunsHttpApi>();

    public RunStatus Run { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Harness = await EngineHarness.StartAsync(new SimulatorOptions { LatencyMs = 10, UserCount = 5 });
        string runId = await Harness.Get<UserFetchStarter>().StartAsync(Harness.Engine.Client, Enumerable.Range(1, 7).ToArray());
        Run = await Harness.WaitAsync(runId);
        Assert.Equal("Completed", Run.Status);
    }

    public async Task DisposeAsync() => await Harness.DisposeAsync();
}

/// <summary>The status page's handlers called directly, as the Functions host would.</summary>
public sealed class StatusPageHandlerTests(FinishedRunFixture fixture) : IClassFixture<FinishedRunFixture>
{
    string RunId => fixture.Run.Id;

    async Task<HttpCall.Response> CallAsync(string path, Func<HttpRequest, Task<Microsoft.AspNetCore.Mvc.IActionResult>> handler)
    {
        HttpRequest request = HttpCall.Request("GET", path);
        return await HttpCall.RenderAsync(request, await handler(request));
    }

    [Fact]
    public async Task View_is_html_with_the_run_and_its_totals_and_no_secrets()
    {
        HttpCall.Response page = await CallAsync(
            $"/api/runs/{RunId}/view", r => fixture.Api.GetRunViewAsync(r, RunId, fixture.Harness.Engine.Client, default));

        Assert.Equal(200, page.Status);
        Assert.StartsWith("text/html", page.ContentType);
        Assert.Contains(RunId, page.Body);
        Assert.Contains("<span id=\"status\" class=\"badge Completed\">Completed</span>", page.Body);
        Assert.Contains("<span id=\"total\">7</span>", page.Body);
        Assert.Contains("<div class=\"value\" id=\"succeeded\">5</div>", page.Body);
        Assert.Contains("<div class=\"value\" id=\"failed\">2</div>", page.Body);
        Assert.Contains("data-file=\"failed\"", page.Body);
        Assert.DoesNotContain("AccountKey", page.Body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("UseDevelopmentStorage", page.Body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("DefaultEndpointsProtocol", page.Body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("127.0.0.1:10000", page.Body);
    }

    [Fact]
    public async Task View_of_an_unknown_run_is_a_404_problem()
    {
        HttpCall.Response page = await CallAsync(
            "/api/runs/nope/view", r => fixture.Api.GetRunViewAsync(r, "no-such-run", fixture.Harness.Engine.Client, default));

        Assert.Equal(404, page.Status);
        Assert.StartsWith("application/problem+json", page.ContentType);
    }

    [Fact]
    public void The_page_encodes_what_it_embeds()
    {
        var run = new RunStatus(
            "<script>alert(1)</script>",
            "users\"><b>",
            "Failed",
            1,
            0,
            1,
            0,
            DateTimeOffset.UnixEpoch,
            DateTimeOffset.UnixEpoch,
            1,
            null,
            "<img src=x onerror=alert(2)>");

        string html = RunStatusPage.Render(run);

        Assert.DoesNotContain("<script>alert(1)", html);
        Assert.DoesNotContain("<img src=x", html);
        Assert.DoesNotContain("users\"><b>", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
    }

    [Fact]
    public async Task Failures_list_each_failed_user_with_its_reason()
    {
        HttpCall.Response failures = await CallAsync(
            $"/api/runs/{RunId}/failures", r => fixture.Api.GetRunFailuresAsync(r, RunId, fixture.Harness.Engine.Client, default));

        Assert.Equal(200, failures.Status);
        JsonElement body = failures.Json;
        Assert.True(body.GetProperty("finished").GetBoolean());
        Assert.Equal(2, body.GetProperty("failed").GetInt32());
        JsonElement[] items = body.GetProperty("failures").EnumerateArray().ToArray();
        Assert.Equal([6, 7], items.Select(i => i.GetProperty("userId").GetInt32()));
        Assert.All(items, i => Assert.Contains("not found", i.GetProperty("reason").GetString()));
    }

    [Fact]
    public async Task Failures_honour_the_limit_and_refuse_a_bad_one()
    {
        HttpCall.Response one = await CallAsync($"/api/runs/{RunId}/failures", r =>
        {
            r.QueryString = new QueryString("?limit=1");
            return fixture.Api.GetRunFailuresAsync(r, RunId, fixture.Harness.Engine.Client, default);
        });
        HttpCall.Response bad = await CallAsync($"/api/runs/{RunId}/failures", r =>
        {
            r.QueryString = new QueryString("?limit=-3");
            return fixture.Api.GetRunFailuresAsync(r, RunId, fixture.Harness.Engine.Client, default);
        });

        Assert.Single(one.Json.GetProperty("failures").EnumerateArray());
        Assert.Equal(400, bad.Status);
        Assert.Equal("limit", bad.Json.GetProperty("field").GetString());
    }

    [Theory]
    [InlineData("failed", "application/x-ndjson")]
    [InlineData("failed.ndjson", "application/x-ndjson")]
    [InlineData("succeeded", "application/x-ndjson")]
    [InlineData("manifest", "application/json")]
    public async Task Files_are_streamed_with_their_content_type(string file, string contentType)
    {
        HttpCall.Response response = await CallAsync(
            $"/api/runs/{RunId}/files/{file}", r => fixture.Api.GetRunFileAsync(r, RunId, file, fixture.Harness.Engine.Client, default));

        Assert.Equal(200, response.Status);
        Assert.Equal(contentType, response.ContentType);
        Assert.Contains(file.StartsWith("manifest", StringComparison.Ordinal) ? RunId : "\"", response.Body);
    }

    [Theory]
    [InlineData("terms")] // a user run has no terms file
    [InlineData("other.json")]
    [InlineData("../other-run/manifest.json")]
    [InlineData("%2e%2e%2fmanifest.json")]
    [InlineData("manifest.json/../../x")]
    [InlineData("Manifest")]
    [InlineData("")]
    public async Task Files_outside_the_runs_own_are_a_404(string file)
    {
        HttpCall.Response response = await CallAsync(
            $"/api/runs/{RunId}/files/x", r => fixture.Api.GetRunFileAsync(r, RunId, file, fixture.Harness.Engine.Client, default));

        Assert.Equal(404, response.Status);
        Assert.StartsWith("application/problem+json", response.ContentType);
    }

    [Fact]
    public async Task Files_and_failures_of_an_unknown_run_are_a_404()
    {
        HttpCall.Response file = await CallAsync(
            "/api/runs/x/files/manifest", r => fixture.Api.GetRunFileAsync(r, "no-such-run", "manifest", fixture.Harness.Engine.Client, default));
        HttpCall.Response failures = await CallAsync(
            "/api/runs/x/failures", r => fixture.Api.GetRunFailuresAsync(r, "no-such-run", fixture.Harness.Engine.Client, default));

        Assert.Equal((404, 404), (file.Status, failures.Status));
    }
}
