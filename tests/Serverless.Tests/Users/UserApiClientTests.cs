using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Core.Hosting;
using Serverless.Core.Users;
using Serverless.Simulator;
using Xunit;

namespace Serverless.Tests.Users;

/// <summary>The typed client and its Polly pipeline against the simulator over loopback HTTP.</summary>
public sealed class UserApiClientTests
{
    static async Task<(UserApiClient Client, ApiSimulator Api, ServiceProvider Services)> StartAsync(
        SimulatorOptions api, Dictionary<string, string?>? settings = null)
    {
        ApiSimulator simulator = await ApiSimulator.StartAsync(api);
        var values = new Dictionary<string, string?>
        {
            ["UserApi:BaseUrl"] = simulator.BaseUrl.ToString(),
            ["UserApi:RetryBaseDelay"] = "00:00:00.020",
            ["UserApi:AllowLoopback"] = "true",
        };
        foreach ((string key, string? value) in settings ?? [])
        {
            values[key] = value;
        }

        ServiceProvider services = new ServiceCollection()
            .AddLogging()
            .AddServerlessCore(new ConfigurationBuilder().AddInMemoryCollection(values).Build())
            .BuildServiceProvider();
        return (services.GetRequiredService<UserApiClient>(), simulator, services);
    }

    [Fact]
    public async Task A_user_comes_back_as_one_line_of_the_APIs_own_JSON()
    {
        (UserApiClient client, ApiSimulator api, ServiceProvider services) = await StartAsync(new SimulatorOptions { LatencyMs = 0 });
        await using (api) await using (services)
        {
            UserFetchOutcome outcome = await client.FetchAsync(7);

            Assert.True(outcome.Succeeded);
            Assert.Equal(1, outcome.Attempts);
            Assert.DoesNotContain("\n", outcome.UserJson!, StringComparison.Ordinal);
            Assert.Equal(7, System.Text.Json.JsonDocument.Parse(outcome.UserJson!).RootElement.GetProperty("id").GetInt32());
        }
    }

    [Fact]
    public async Task Server_errors_are_retried_until_the_budget_is_spent()
    {
        (UserApiClient client, ApiSimulator api, ServiceProvider services) = await StartAsync(
            new SimulatorOptions { LatencyMs = 0, ErrorRate = 1, RetryAfterSeconds = 0 },
            new() { ["UserApi:MaxRetries"] = "3", ["UserApi:BreakerMinimumThroughput"] = "1000" });
        await using (api) await using (services)
        {
            UserFetchOutcome outcome = await client.FetchAsync(1);

            Assert.False(outcome.Succeeded);
            Assert.Equal(4, outcome.Attempts);
            Assert.Equal(4, api.Snapshot().ServerErrors);
            Assert.Contains("server error", outcome.Reason);
        }
    }

    [Fact]
    public async Task A_ban_is_final_for_that_user_and_not_retried()
    {
        (UserApiClient client, ApiSimulator api, ServiceProvider services) = await StartAsync(
            new SimulatorOptions { LatencyMs = 100, ConcurrencyLimit = 1, BanMinRequests = 4, BanRejectRatio = 0.5 });
        await using (api) await using (services)
        {
            // Push past the limit without honouring Retry-After, as a careless client would, until banned.
            using var raw = new HttpClient { BaseAddress = api.BaseUrl };
            for (int burst = 0; burst < 20 && !api.Snapshot().IsBanned; burst++)
            {
                await Task.WhenAll(Enumerable.Range(1, 5).Select(i => raw.GetAsync($"users/{i}")));
            }

            Assert.True(api.Snapshot().IsBanned, "the simulator should have banned the careless client");

            UserFetchOutcome outcome = await client.FetchAsync(1);

            Assert.False(outcome.Succeeded);
            Assert.Equal(403, outcome.StatusCode);
            Assert.Equal(1, outcome.Attempts);
            Assert.Contains("forbidden", outcome.Reason);
            Assert.True(outcome.Banned);
            // The simulator's 403 says how much of its ban is left, in whole seconds.
            Assert.InRange(outcome.BanRetryAfter!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(api.Snapshot().BanRemainingSeconds + 2));
        }
    }

    [Fact]
    public async Task The_optional_rate_limiter_spaces_requests_out()
    {
        (UserApiClient client, ApiSimulator api, ServiceProvider services) = await StartAsync(
            new SimulatorOptions { LatencyMs = 0, ConcurrencyLimit = 0 },
            new() { ["UserApi:RequestsPerSecond"] = "20" });
        await using (api) await using (services)
        {
            var clock = Stopwatch.StartNew();
            UserFetchOutcome[] outcomes = await Task.WhenAll(Enumerable.Range(1, 40).Select(id => client.FetchAsync(id)));
            clock.Stop();

            Assert.All(outcomes, o => Assert.True(o.Succeeded));
            // 40 requests at 20/s, with a bucket of 2: at least ~1.9 s, however fast the API answers.
            Assert.True(clock.Elapsed > TimeSpan.FromSeconds(1.5), $"40 requests took only {clock.Elapsed.TotalSeconds:F2} s");
        }
    }
}
