using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Core.Hosting;
using Serverless.Core.Options;
using Serverless.Core.Users;
using Serverless.Tests.Infrastructure;
using Xunit;

namespace Serverless.Tests.Users;

/// <summary>
/// The user API client against a hostile API (a socket-level server in the test): every answer, however it misbehaves, becomes
/// that user's failure with a reason, within the attempt and total timeouts, and never an exception.
/// </summary>
public sealed class HostileApiClientTests
{
    /// <summary>Generous for a loaded machine, yet far below what an unbounded read takes (the hostile answers last minutes).</summary>
    static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    static (UserApiClient Client, ServiceProvider Services, CapturedLogs Logs) Client(Uri api, Dictionary<string, string?>? settings = null)
    {
        (ServiceProvider services, CapturedLogs logs) = Services(api, settings);
        return (services.GetRequiredService<UserApiClient>(), services, logs);
    }

    static (ServiceProvider Services, CapturedLogs Logs) Services(Uri api, Dictionary<string, string?>? settings)
    {
        var values = new Dictionary<string, string?>
        {
            ["UserApi:BaseUrl"] = api.ToString(),
            ["UserApi:AllowLoopback"] = "true",
            ["UserApi:AttemptTimeout"] = "00:00:01",
            ["UserApi:TotalTimeout"] = "00:00:04",
            ["UserApi:MaxRetries"] = "1",
            ["UserApi:RetryBaseDelay"] = "00:00:00.020",
            ["UserApi:MaxResponseBytes"] = "65536",
        };
        foreach ((string key, string? value) in settings ?? [])
        {
            values[key] = value;
        }

        var logs = new CapturedLogs();
        ServiceProvider services = new ServiceCollection()
            .AddLogging(logging => logging.AddProvider(logs))
            .AddServerlessCore(new ConfigurationBuilder().AddInMemoryCollection(values).Build())
            .BuildServiceProvider();
        return (services, logs);
    }

    static async Task<(UserFetchOutcome Outcome, TimeSpan Took)> FetchAsync(UserApiClient client, int id, UserApiSettings? api = null)
    {
        var clock = Stopwatch.StartNew();
        // The bound turns a fetch that would hang (the defect) into a failed test instead of a stuck one.
        UserFetchOutcome outcome = await client.FetchAsync(id, api).WaitAsync(TimeSpan.FromSeconds(60));
        return (outcome, clock.Elapsed);
    }

    [Theory]
    [InlineData("100")]
    [InlineData("1073741824")]
    public async Task A_response_size_cap_outside_its_range_is_refused_at_start(string value)
    {
        (ServiceProvider services, _) = Services(new Uri("http://127.0.0.1:9/"), new() { ["UserApi:MaxResponseBytes"] = value });
        await using (services)
        {
            var refused = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<UserApiOptions>>().Value);
            Assert.Contains("MaxResponseBytes", refused.Message);
        }
    }

    [Fact]
    public async Task A_body_that_stops_after_8_of_1000_bytes_fails_within_the_timeouts()
    {
        await using var api = HostileApiServer.Start(id => HostileApiServer.Stall(declared: 1000, sent: 8));
        (UserApiClient client, ServiceProvider services, _) = Client(api.BaseUrl);
        await using (services)
        {
            (UserFetchOutcome outcome, TimeSpan took) = await FetchAsync(client, 1);

            Assert.False(outcome.Succeeded);
            Assert.Contains("timed out after 1 s", outcome.Reason);
            Assert.Equal(2, outcome.Attempts);
            Assert.True(took < Bound, $"took {took}");
        }
    }

    [Fact]
    public async Task A_body_dripped_over_100_seconds_fails_within_the_timeouts()
    {
        await using var api = HostileApiServer.Start(id => HostileApiServer.Drip(100, TimeSpan.FromSeconds(100)));
        (UserApiClient client, ServiceProvider services, _) = Client(api.BaseUrl);
        await using (services)
        {
            (UserFetchOutcome outcome, TimeSpan took) = await FetchAsync(client, 1);

            Assert.False(outcome.Succeeded);
            Assert.Contains("timed out", outcome.Reason);
            Assert.True(took < Bound, $"took {took}");
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_50_MB_body_fails_at_the_size_cap_without_a_retry(bool declared)
    {
        await using var api = HostileApiServer.Start(id => HostileApiServer.Huge(50L * 1024 * 1024, declared));
        (UserApiClient client, ServiceProvider services, CapturedLogs logs) = Client(api.BaseUrl);
        await using (services)
        {
            (UserFetchOutcome outcome, TimeSpan took) = await FetchAsync(client, 1);

            Assert.False(outcome.Succeeded);
            Assert.Null(outcome.UserJson);
            Assert.Contains("the API's response is larger than 65536 bytes", outcome.Reason);
            Assert.Equal(1, outcome.Attempts);
            Assert.Equal(1, api.RequestsFor(1));
            Assert.True(took < Bound, $"took {took}");
            Assert.Contains(logs.Lines, l => l.Level == LogLevel.Warning && l.Message.Contains("larger than 65536 bytes", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task A_redirect_to_a_file_URL_fails_that_user_with_where_it_pointed_and_is_logged()
    {
        await using var api = HostileApiServer.Start(id => id == 1
            ? HostileApiServer.Respond("302 Found", ["Location: file:///etc/passwd"], [])
            : HostileApiServer.User(id));
        (UserApiClient client, ServiceProvider services, CapturedLogs logs) = Client(api.BaseUrl);
        await using (services)
        {
            UserFetchOutcome[] outcomes = await Task.WhenAll(Enumerable.Range(1, 3).Select(id => client.FetchAsync(id)));

            Assert.False(outcomes[0].Succeeded);
            Assert.Equal(302, outcomes[0].StatusCode);
            Assert.Equal("the API redirected (302) to file:///etc/passwd; redirects are not followed", outcomes[0].Reason);
            Assert.Equal(1, api.RequestsFor(1));
            Assert.True(outcomes[1].Succeeded && outcomes[2].Succeeded);
            Assert.Contains(logs.Lines, l => l.Level == LogLevel.Warning && l.Message.Contains("redirected (302)", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task A_redirect_is_shown_without_its_credentials_or_query()
    {
        await using var api = HostileApiServer.Start(id =>
            HostileApiServer.Respond("307 Temporary Redirect", ["Location: http://admin:hunter2@169.254.169.254/latest?token=abc"], []));
        (UserApiClient client, ServiceProvider services, CapturedLogs logs) = Client(api.BaseUrl);
        await using (services)
        {
            (UserFetchOutcome outcome, _) = await FetchAsync(client, 1);

            Assert.Equal("the API redirected (307) to http://169.254.169.254/latest; redirects are not followed", outcome.Reason);
            Assert.DoesNotContain(
                logs.Lines, l => l.Message.Contains("hunter2", StringComparison.Ordinal) || l.Message.Contains("abc", StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData("{\"id\":8,\"name\":\"someone else\"}", "with the id 8")]
    [InlineData("{\"name\":\"nobody\"}", "with no \"id\"")]
    [InlineData("[1,2]", "not a JSON object")]
    public async Task An_answer_that_is_not_the_user_asked_for_fails_that_user(string body, string reason)
    {
        await using var api = HostileApiServer.Start(id => HostileApiServer.Json(body));
        (UserApiClient client, ServiceProvider services, _) = Client(api.BaseUrl);
        await using (services)
        {
            (UserFetchOutcome outcome, _) = await FetchAsync(client, 7);

            Assert.False(outcome.Succeeded);
            Assert.Contains(reason, outcome.Reason);
        }
    }

    [Fact]
    public async Task The_id_may_come_as_a_number_or_a_string_and_a_byte_order_mark_is_accepted()
    {
        await using var api = HostileApiServer.Start(id => id == 1
            ? HostileApiServer.Json("\uFEFF{\"id\":1}")
            : HostileApiServer.Json($"{{\"id\":\"{id}\"}}"));
        (UserApiClient client, ServiceProvider services, _) = Client(api.BaseUrl);
        await using (services)
        {
            Assert.True((await FetchAsync(client, 1)).Outcome.Succeeded);
            Assert.True((await FetchAsync(client, 2)).Outcome.Succeeded);
        }
    }

    [Fact]
    public async Task A_403_is_a_ban_with_the_Retry_After_it_gave_as_seconds_or_as_a_date()
    {
        string date = DateTimeOffset.UtcNow.AddSeconds(120).ToString("r", CultureInfo.InvariantCulture);
        await using var api = HostileApiServer.Start(id => id switch
        {
            1 => HostileApiServer.Respond("403 Forbidden", ["Retry-After: 30"], []),
            2 => HostileApiServer.Respond("403 Forbidden", [$"Retry-After: {date}"], []),
            3 => HostileApiServer.Respond("403 Forbidden", [], []),
            _ => HostileApiServer.Respond("404 Not Found", [], []),
        });
        (UserApiClient client, ServiceProvider services, _) = Client(api.BaseUrl);
        await using (services)
        {
            UserFetchOutcome seconds = (await FetchAsync(client, 1)).Outcome;
            UserFetchOutcome dated = (await FetchAsync(client, 2)).Outcome;
            UserFetchOutcome bare = (await FetchAsync(client, 3)).Outcome;
            UserFetchOutcome missing = (await FetchAsync(client, 4)).Outcome;

            Assert.True(seconds.Banned);
            Assert.Equal(TimeSpan.FromSeconds(30), seconds.BanRetryAfter);
            Assert.Contains("Retry-After 30 s", seconds.Reason);
            Assert.True(dated.Banned);
            Assert.InRange(dated.BanRetryAfter!.Value.TotalSeconds, 60, 121);
            Assert.True(bare.Banned);
            Assert.Null(bare.BanRetryAfter);
            Assert.False(missing.Banned);
            Assert.All([seconds, dated, bare], o => Assert.Equal(1, o.Attempts));
        }
    }

    [Fact]
    public async Task A_fetch_the_open_circuit_refuses_names_what_opened_it()
    {
        await using var api = HostileApiServer.Start(id => id == 1 ? HostileApiServer.Stall(1000, 8) : HostileApiServer.User(id));
        (UserApiClient client, ServiceProvider services, _) = Client(api.BaseUrl, new()
        {
            ["UserApi:MaxRetries"] = "0",
            ["UserApi:AttemptTimeout"] = "00:00:00.500",
            ["UserApi:BreakerMinimumThroughput"] = "2",
            ["UserApi:BreakerBreakDuration"] = "00:01:00",
        });
        await using (services)
        {
            await FetchAsync(client, 1);
            await FetchAsync(client, 1);
            (UserFetchOutcome outcome, _) = await FetchAsync(client, 2);

            Assert.False(outcome.Succeeded);
            Assert.Equal("the API's circuit is open after repeated failures (last: attempt timed out after 0.5 s); not attempted", outcome.Reason);
            Assert.Equal(0, api.RequestsFor(2));
        }
    }

    [Fact]
    public async Task A_run_calls_its_own_API_with_its_own_settings_and_this_process_still_vets_the_URL()
    {
        await using var configured = HostileApiServer.Start(HostileApiServer.User);
        await using var runs = HostileApiServer.Start(id => HostileApiServer.Huge(100_000, declared: true));
        (UserApiClient client, ServiceProvider services, _) = Client(configured.BaseUrl);
        await using (services)
        {
            UserApiSettings own = UserApiSettings.From(services.GetRequiredService<IOptions<UserApiOptions>>().Value);
            UserApiSettings run = own with { BaseUrl = runs.BaseUrl.ToString(), MaxResponseBytes = 200_000 };

            // 100 kB of spaces is no JSON, but under the run's cap it is read; under this process's 64 kB it would not be.
            Assert.Contains("not a JSON object", (await FetchAsync(client, 1, run)).Outcome.Reason);
            Assert.Equal(1, runs.RequestsFor(1));
            Assert.Contains("larger than 65536", (await FetchAsync(client, 1, run with { MaxResponseBytes = 65536 })).Outcome.Reason);
            Assert.Equal(0, configured.Requests);

            (UserFetchOutcome refused, _) = await FetchAsync(client, 1, own with { BaseUrl = "http://admin:secret@169.254.169.254/" });
            Assert.False(refused.Succeeded);
            Assert.Equal(0, refused.Attempts);
            Assert.Contains("the run's user API 'http://169.254.169.254/'", refused.Reason);
            Assert.DoesNotContain("secret", refused.Reason, StringComparison.Ordinal);
        }
    }
}
