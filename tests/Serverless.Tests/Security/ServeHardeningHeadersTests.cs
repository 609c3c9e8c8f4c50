using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Serverless.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Serverless.Tests.Security;

/// <summary>
/// Every answer of <c>serve</c>, whatever produced it, carries nosniff, frame protection and a referrer policy; the page a strict CSP.
/// </summary>
public sealed class ServeHardeningHeadersTests(ServeFixture serve, ITestOutputHelper output) : IClassFixture<ServeFixture>
{
    // Ids past the simulator's 1,000,000 users answer 404: a run with failures to list.
    const string RunBody = "{\"userIds\":[1,2,2000001],\"toleratedFailurePercent\":100}";

    [Fact]
    public async Task Every_kind_of_answer_carries_the_hardening_headers()
    {
        using HttpResponseMessage started = await serve.Http.PostAsync(
            "api/users/fetch", new StringContent(RunBody, Encoding.UTF8, "application/json"));
        HardeningHeaders.AssertOn(started, "202 start");
        string runId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runId").GetString()!;
        await serve.Harness.WaitAsync(runId);

        (HttpMethod Method, string Path, HttpStatusCode Status)[] calls =
        [
            (HttpMethod.Get, $"api/runs/{runId}", HttpStatusCode.OK),
            (HttpMethod.Get, $"api/runs/{runId}/view", HttpStatusCode.OK),
            (HttpMethod.Get, $"api/runs/{runId}/failures", HttpStatusCode.OK),
            (HttpMethod.Get, $"api/runs/{runId}/files/manifest", HttpStatusCode.OK),
            (HttpMethod.Get, $"api/runs/{runId}/files/succeeded", HttpStatusCode.OK),
            (HttpMethod.Get, $"api/runs/{runId}/files/secrets", HttpStatusCode.NotFound),
            (HttpMethod.Get, "api/runs/nope", HttpStatusCode.NotFound),
            (HttpMethod.Get, "api/runs/nope/view", HttpStatusCode.NotFound),
            (HttpMethod.Get, "api/no-such-route", HttpStatusCode.NotFound),
            (HttpMethod.Get, "favicon.ico", HttpStatusCode.NotFound),
            (HttpMethod.Get, "api/users/fetch", HttpStatusCode.MethodNotAllowed),
            (HttpMethod.Post, $"api/runs/{runId}/cancel", HttpStatusCode.Conflict),
            (HttpMethod.Get, $"api/runs/{runId}/failures?limit=0", HttpStatusCode.BadRequest),
        ];
        foreach ((HttpMethod method, string path, HttpStatusCode status) in calls)
        {
            using HttpResponseMessage response = await serve.Http.SendAsync(new HttpRequestMessage(method, path));
            output.WriteLine($"{method} {path}: {(int)response.StatusCode}");
            Assert.Equal(status, response.StatusCode);
            HardeningHeaders.AssertOn(response, $"{method} {path}");
        }

        using HttpResponseMessage badBody = await serve.Http.PostAsync("api/users/fetch", new StringContent("{", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, badBody.StatusCode);
        HardeningHeaders.AssertOn(badBody, "400 body");
        using HttpResponseMessage notJson = await serve.Http.PostAsync("api/users/fetch", new StringContent(RunBody, Encoding.UTF8, "text/plain"));
        HardeningHeaders.AssertOn(notJson, $"{(int)notJson.StatusCode} text/plain");
        var rebound = new HttpRequestMessage(HttpMethod.Get, $"api/runs/{runId}");
        rebound.Headers.Host = "attacker.example";
        using HttpResponseMessage refused = await serve.Http.SendAsync(rebound);
        HardeningHeaders.AssertOn(refused, $"{(int)refused.StatusCode} Host attacker.example");
    }

    [Fact]
    public async Task The_page_allows_only_its_own_script_and_style_by_hash_and_calls_to_its_own_origin()
    {
        using HttpResponseMessage started = await serve.Http.PostAsync(
            "api/users/fetch", new StringContent(RunBody, Encoding.UTF8, "application/json"));
        string runId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runId").GetString()!;
        await serve.Harness.WaitAsync(runId);

        using HttpResponseMessage page = await serve.Http.GetAsync($"api/runs/{runId}/view");
        string html = await page.Content.ReadAsStringAsync();
        string policy = string.Join(", ", page.Headers.GetValues("Content-Security-Policy"));
        output.WriteLine(policy);

        HardeningHeaders.AssertOn(page, "page");
        Assert.Contains("connect-src 'self'", policy);
        Assert.Contains($"script-src {Hash(Element(html, "script"))}", policy);
        Assert.Contains($"style-src {Hash(Element(html, "style"))}", policy);
        Assert.DoesNotContain("unsafe-", policy);
        Assert.DoesNotContain(" style=", html);
    }

    static string Element(string html, string name)
    {
        Match match = Regex.Match(html, $"<{name}>(.*?)</{name}>", RegexOptions.Singleline);
        Assert.True(match.Success, $"the page has no inline <{name}>");
        return match.Groups[1].Value;
    }

    static string Hash(string content) => $"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(content)))}'";
}
