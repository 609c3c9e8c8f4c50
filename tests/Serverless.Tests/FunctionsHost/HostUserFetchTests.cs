using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Serverless.Core.Runs;
using Serverless.Simulator;
using Serverless.Tests.Infrastructure;
using Xunit;

namespace Serverless.Tests.FunctionsHost;

/// <summary>The user fetch through the real Functions host over HTTP: keys, bad input, and a run to its result files.</summary>
[Collection(FunctionsHostCollection.Name)]
public sealed class HostUserFetchTests(FunctionsHostFixture host)
{
    public static TheoryData<string, string> BadBodies => new()
    {
        { "", "body" },
        { "{\"userIds\":[1,2", "body" },
        { "{}", "userIds" },
        { "{\"userIds\":[1,\"2\"]}", "userIds[1]" },
        { "{\"from\":1,\"count\":-5}", "count" },
        { "{\"userIds\":[1],\"batchSize\":0}", "batchSize" },
    };

    [FunctionsHostFact]
    public async Task Fifty_users_are_accepted_fetched_under_the_cap_and_written_to_the_results()
    {
        host.Simulator.SetLatency(200);
        host.Simulator.ResetStats();

        using HttpResponseMessage accepted = await host.Http.PostAsJsonAsync("api/users/fetch", new { from = 1, count = 50 });
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        JsonElement body = await accepted.Content.ReadFromJsonAsync<JsonElement>();
        string runId = body.GetProperty("runId").GetString()!;
        Assert.Equal(new Uri(host.BaseUrl, $"api/runs/{runId}"), accepted.Headers.Location);
        Assert.Equal(50, body.GetProperty("total").GetInt32());

        RunStatus status = await host.WaitAsync(runId);
        RunResults results = await RunResults.ReadAsync(host.Results, status.Results!);
        SimulatorStats api = host.Simulator.Snapshot();

        Assert.Equal(("Completed", 50, 50, 0), (status.Status, status.Total, status.Succeeded, status.Failed));
        Assert.Equal((50, 50, 0), (results.Manifest.Total, results.Manifest.Succeeded, results.Manifest.Failed));
        Assert.Equal(Enumerable.Range(1, 50), results.UserIds.Order());
        Assert.Empty(results.Failed);
        Assert.InRange(api.MaxInFlight, 1, FunctionsHostFixture.MaxConcurrency);
        Assert.Equal(0, api.TooManyRequests);

        // Nothing reaches the run after it ended: no late grant, and no ask-again timer (the old one fired 5 s after asking).
        await Task.Delay(TimeSpan.FromSeconds(6));
        Assert.Equal(0, host.Host.LogCount($"{runId}: Discarding"));
    }

    [FunctionsHostFact]
    public async Task Without_the_function_key_or_with_a_wrong_one_the_host_answers_401()
    {
        using var anonymous = new HttpClient { BaseAddress = host.BaseUrl };
        using HttpResponseMessage none = await anonymous.PostAsJsonAsync("api/users/fetch", new { from = 1, count = 2 });
        using var wrong = new HttpRequestMessage(HttpMethod.Post, "api/users/fetch") { Content = JsonContent.Create(new { from = 1, count = 2 }) };
        wrong.Headers.Add("x-functions-key", "not-the-key");
        using HttpResponseMessage refused = await anonymous.SendAsync(wrong);
        using HttpResponseMessage status = await anonymous.GetAsync($"api/runs/anything?code=not-the-key");

        Assert.Equal(
            (HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized),
            (none.StatusCode, refused.StatusCode, status.StatusCode));
    }

    [FunctionsHostTheory]
    [MemberData(nameof(BadBodies))]
    public async Task Bad_bodies_get_a_400_problem_naming_the_field_and_start_nothing(string body, string field)
    {
        using HttpResponseMessage response = await host.Http.PostAsync("api/users/fetch", new StringContent(body, Encoding.UTF8, "application/json"));
        string text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        JsonElement problem = JsonDocument.Parse(text).RootElement;
        Assert.Equal(field, problem.GetProperty("field").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), text);
        Assert.False(problem.TryGetProperty("runId", out _));
        Assert.Null(response.Headers.Location);
    }
}
