using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Serverless.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Serverless.Tests.Runs;

/// <summary><c>serve</c> as its own process on a private Azurite that the test kills: an outage is a 503 problem, not a bare 500.</summary>
public sealed class ServeStorageOutageTests(ITestOutputHelper output)
{
    [Fact]
    public async Task With_storage_gone_serve_answers_503_problems_with_retry_after_and_no_internals()
    {
        await using PrivateAzurite azurite = await PrivateAzurite.StartAsync();
        int port = FreePort();
        using RunnerProcess serve = RunnerProcess.Start(
            "serve", "--storage", azurite.ConnectionString, "--task-hub", Azurite.NewTaskHub("o"), "--port", $"{port}");
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(120) };
        await WaitUntilServingAsync(http, serve);

        await azurite.StopAsync();
        foreach (HttpRequestMessage request in new[]
        {
            new HttpRequestMessage(HttpMethod.Get, "api/runs/some-run"),
            new HttpRequestMessage(HttpMethod.Get, "api/runs/some-run/view"),
            new HttpRequestMessage(HttpMethod.Post, "api/users/fetch")
            {
                Content = new StringContent("{\"from\":1,\"count\":5}", Encoding.UTF8, "application/json"),
            },
        })
        {
            var clock = Stopwatch.StartNew();
            using HttpResponseMessage response = await http.SendAsync(request);
            string body = await response.Content.ReadAsStringAsync();
            output.WriteLine($"{request.Method} {request.RequestUri}: {(int)response.StatusCode} in {clock.Elapsed.TotalSeconds:0.0} s: {body}");

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"Retry-After: {response.Headers.RetryAfter}");
            Assert.Equal(503, JsonDocument.Parse(body).RootElement.GetProperty("status").GetInt32());
            Assert.Contains("storage", body, StringComparison.OrdinalIgnoreCase);
            foreach (string secret in new[] { "AccountKey", "Eby8vdM02x", "devstoreaccount1", "Exception", "   at ", "Serverless." })
            {
                Assert.DoesNotContain(secret, body);
            }

            foreach (int storagePort in azurite.Ports)
            {
                Assert.DoesNotContain($"{storagePort}", body);
            }
        }
    }

    static async Task WaitUntilServingAsync(HttpClient http, RunnerProcess serve)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (true)
        {
            try
            {
                using HttpResponseMessage response = await http.GetAsync("api/runs/not-yet", timeout.Token);
                Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{(int)response.StatusCode} while storage is up");
                return;
            }
            catch (HttpRequestException)
            {
                Assert.False(timeout.IsCancellationRequested, $"serve did not answer within 2 minutes; its stderr: {serve.StandardError}");
                await Task.Delay(250, CancellationToken.None);
            }
        }
    }

    static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
