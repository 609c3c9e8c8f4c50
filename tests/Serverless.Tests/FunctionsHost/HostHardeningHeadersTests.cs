using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Serverless.Core.Runs.Limits;
using Serverless.Tests.Security;
using Xunit;
using Xunit.Abstractions;

namespace Serverless.Tests.FunctionsHost;

/// <summary>
/// Under the real Functions host, as in <c>serve</c>: every answer carries nosniff, frame protection and a referrer policy (the
/// host's own 401s and 404s too), the page its strict policy; the limiter is no run there either.
/// </summary>
[Collection(FunctionsHostCollection.Name)]
public sealed class HostHardeningHeadersTests(FunctionsHostFixture host, ITestOutputHelper output)
{
    [FunctionsHostFact]
    public async Task Every_answer_of_the_host_carries_the_hardening_headers_and_the_page_its_own_policy()
    {
        string runId = await host.StartUserFetchAsync(new { userIds = new[] { 1, 2, 2_000_001 }, toleratedFailurePercent = 100 });
        Assert.Equal("Completed", (await host.WaitAsync(runId)).Status);
        string limiter = ApiLimiter.InstanceIdFor(host.Simulator.BaseUrl.ToString());

        (string Path, HttpStatusCode Status)[] calls =
        [
            ($"api/runs/{runId}", HttpStatusCode.OK),
            ($"api/runs/{runId}/view", HttpStatusCode.OK),
            ($"api/runs/{runId}/failures", HttpStatusCode.OK),
            ($"api/runs/{runId}/files/manifest", HttpStatusCode.OK),
            ($"api/runs/{runId}/files/secrets", HttpStatusCode.NotFound),
            ("api/runs/nope", HttpStatusCode.NotFound),
            ($"api/runs/{limiter}", HttpStatusCode.NotFound),
            ($"api/runs/{limiter}/view", HttpStatusCode.NotFound),
            ("api/no-such-route", HttpStatusCode.NotFound),
        ];
        foreach ((string path, HttpStatusCode status) in calls)
        {
            using HttpResponseMessage response = await host.Http.GetAsync(path);
            output.WriteLine($"GET {path}: {(int)response.StatusCode}");
            Assert.Equal(status, response.StatusCode);
            HardeningHeaders.AssertOn(response, $"GET {path}");
        }

        using var keyless = new HttpClient { BaseAddress = host.BaseUrl };
        using HttpResponseMessage refused = await keyless.GetAsync($"api/runs/{runId}");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        HardeningHeaders.AssertOn(refused, "401 without a key");

        using HttpResponseMessage page = await host.Http.GetAsync($"api/runs/{runId}/view");
        string html = await page.Content.ReadAsStringAsync();
        string policy = string.Join(", ", page.Headers.GetValues("Content-Security-Policy"));
        output.WriteLine(policy);
        Assert.Contains($"script-src {Hash(Element(html, "script"))}", policy);
        Assert.Contains($"style-src {Hash(Element(html, "style"))}", policy);
        Assert.Contains("connect-src 'self'", policy);
    }

    static string Element(string html, string name)
    {
        Match match = Regex.Match(html, $"<{name}>(.*?)</{name}>", RegexOptions.Singleline);
        Assert.True(match.Success, $"the page has no inline <{name}>");
        return match.Groups[1].Value;
    }

    static string Hash(string content) => $"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(content)))}'";
}
