using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Serverless.Tests.Infrastructure;
using Xunit;

namespace Serverless.Tests.Security;

/// <summary>
/// <c>serve</c> has no keys, so what a web page open in the user's browser could send it is refused: a POST from another
/// origin (CSRF), a body that is not JSON (a form or text/plain fetch needs no preflight), and a Host that is not loopback
/// (DNS rebinding). Over real HTTP against the Kestrel server.
/// </summary>
public sealed class ServeCrossSiteTests(ServeFixture serve) : IClassFixture<ServeFixture>
{
    const string StartBody = "{\"from\":1,\"count\":2}";

    static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode} instead of {(int)status}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        JsonElement problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        return problem;
    }

    HttpRequestMessage Start(string contentType, string? origin = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "api/users/fetch") { Content = new StringContent(StartBody, Encoding.UTF8) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        return request;
    }

    [Theory]
    [InlineData("http://evil.example")]
    [InlineData("null")]
    [InlineData("http://localhost:1")]
    [InlineData("https://127.0.0.1")]
    public async Task A_post_from_another_origin_is_refused_and_starts_nothing(string origin)
    {
        int before = await serve.CountInstancesAsync();

        using HttpResponseMessage response = await serve.Http.SendAsync(Start("application/json", origin));

        JsonElement problem = await ProblemAsync(response, HttpStatusCode.Forbidden);
        Assert.Contains(origin, problem.GetProperty("detail").GetString());
        Assert.Equal(before, await serve.CountInstancesAsync());
    }

    [Fact]
    public async Task A_post_from_its_own_origin_is_served()
    {
        using HttpResponseMessage response = await serve.Http.SendAsync(Start("application/json", serve.Origin));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await serve.Harness.WaitAsync((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runId").GetString()!);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("text/plain; charset=utf-8")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=x")]
    [InlineData("application/jsonp")]
    public async Task A_post_whose_body_is_not_json_is_refused_with_415_and_starts_nothing(string contentType)
    {
        int before = await serve.CountInstancesAsync();

        using HttpResponseMessage response = await serve.Http.SendAsync(Start(contentType));

        JsonElement problem = await ProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
        Assert.Contains("application/json", problem.GetProperty("detail").GetString());
        Assert.Equal(before, await serve.CountInstancesAsync());
    }

    [Fact]
    public async Task A_post_with_a_body_and_no_content_type_is_refused_with_415()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "api/users/fetch")
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(StartBody)),
        };

        using HttpResponseMessage response = await serve.Http.SendAsync(request);

        await ProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Theory]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("application/vnd.serverless+json")]
    public async Task Json_with_a_charset_or_a_json_suffix_is_served(string contentType)
    {
        using HttpResponseMessage response = await serve.Http.SendAsync(Start(contentType));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await serve.Harness.WaitAsync((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runId").GetString()!);
    }

    [Fact]
    public async Task An_empty_post_without_a_content_type_still_reaches_cancel_and_redrive()
    {
        using HttpResponseMessage cancel = await serve.Http.PostAsync("api/runs/nope/cancel", content: null);
        using HttpResponseMessage redrive = await serve.Http.PostAsync("api/runs/nope/redrive", new ByteArrayContent([]));

        Assert.Contains("No run", (await ProblemAsync(cancel, HttpStatusCode.NotFound)).GetProperty("detail").GetString());
        Assert.Contains("No run", (await ProblemAsync(redrive, HttpStatusCode.NotFound)).GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("attacker.example")]
    [InlineData("attacker.example:{port}")]
    [InlineData("127.0.0.2:{port}")]
    [InlineData("localhost.attacker.example:{port}")]
    [InlineData("0.0.0.0:{port}")]
    public async Task A_request_addressed_to_another_host_is_refused(string host)
    {
        host = host.Replace("{port}", serve.Server.BaseUrl.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var get = new HttpRequestMessage(HttpMethod.Get, "api/runs/nope");
        get.Headers.Host = host;
        var post = Start("application/json");
        post.Headers.Host = host;
        int before = await serve.CountInstancesAsync();

        using HttpResponseMessage read = await serve.Http.SendAsync(get);
        using HttpResponseMessage started = await serve.Http.SendAsync(post);

        Assert.Contains(host, (await ProblemAsync(read, HttpStatusCode.BadRequest)).GetProperty("detail").GetString());
        await ProblemAsync(started, HttpStatusCode.BadRequest);
        Assert.Equal(before, await serve.CountInstancesAsync());
    }

    [Theory]
    [InlineData("127.0.0.1:{port}")]
    [InlineData("localhost:{port}")]
    [InlineData("LocalHost")]
    [InlineData("[::1]:{port}")]
    public async Task A_request_addressed_to_a_loopback_name_is_served(string host)
    {
        var get = new HttpRequestMessage(HttpMethod.Get, "api/runs/nope");
        get.Headers.Host = host.Replace("{port}", serve.Server.BaseUrl.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));

        using HttpResponseMessage response = await serve.Http.SendAsync(get);

        Assert.Contains("No run with id 'nope'", (await ProblemAsync(response, HttpStatusCode.NotFound)).GetProperty("detail").GetString());
    }
}
