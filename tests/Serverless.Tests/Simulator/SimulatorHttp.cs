using System.Net;
using Serverless.Simulator;

namespace Serverless.Tests.Simulator;

/// <summary>Helpers shared by the simulator tests: real HTTP over loopback, no handler mocking.</summary>
internal static class SimulatorHttp
{
    public static HttpClient ClientFor(ApiSimulator simulator) =>
        new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(1) })
        {
            BaseAddress = simulator.BaseUrl,
            Timeout = TimeSpan.FromSeconds(30),
        };

    /// <summary>Fires all requests at once and returns their status codes and Retry-After values.</summary>
    public static async Task<IReadOnlyList<(HttpStatusCode Status, TimeSpan? RetryAfter)>> BurstAsync(HttpClient http, int count, int firstId = 1)
    {
        var tasks = Enumerable.Range(firstId, count).Select(async id =>
        {
            using var response = await http.GetAsync($"users/{id}");
            return (response.StatusCode, response.Headers.RetryAfter?.Delta);
        });
        return await Task.WhenAll(tasks);
    }

    /// <summary>Polls until the condition holds, for state that other requests move asynchronously.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Condition not reached in time.");
            }

            await Task.Delay(10);
        }
    }
}
