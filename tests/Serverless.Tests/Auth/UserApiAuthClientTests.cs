using System.Diagnostics;
using Serverless.Core.Users;
using Serverless.Core.Users.Auth;
using Serverless.Simulator;
using Xunit;

namespace Serverless.Tests.Auth;

/// <summary>The user API client's credentials against the simulator's auth modes, over loopback HTTP.</summary>
public sealed class UserApiAuthClientTests
{
    static SimulatorOptions Fast() => new() { LatencyMs = 5, ConcurrencyLimit = 0, BanEnabled = false };

    [Theory]
    [InlineData("ApiKey")]
    [InlineData("Bearer")]
    [InlineData("OAuthClientCredentials")]
    public async Task Each_mode_gets_every_user_and_twenty_callers_at_once_share_one_token(string mode)
    {
        AuthSimulator auth = AuthSimulator.For(mode);
        await using ApiSimulator api = await ApiSimulator.StartAsync(auth.Apply(Fast()));
        (UserApiClient client, var services) = AuthSimulator.Client(api, auth.Settings(api));
        await using (services)
        {
            UserFetchOutcome[] outcomes = await Task.WhenAll(Enumerable.Range(1, 20).Select(id => client.FetchAsync(id)));

            Assert.All(outcomes, o => Assert.True(o.Succeeded, o.Reason));
            SimulatorStats stats = api.Snapshot();
            Assert.Equal(0, stats.Unauthorized);
            Assert.Equal(20, stats.Ok);
            Assert.Equal(mode == "OAuthClientCredentials" ? 1 : 0, stats.TokensIssued);
        }
    }

    [Fact]
    public async Task Without_credentials_the_401_reason_says_the_mode_is_None()
    {
        AuthSimulator auth = AuthSimulator.For("ApiKey");
        await using ApiSimulator api = await ApiSimulator.StartAsync(auth.Apply(Fast()));
        (UserApiClient client, var services) = AuthSimulator.Client(api, []);
        await using (services)
        {
            UserFetchOutcome outcome = await client.FetchAsync(1);

            Assert.Equal(401, outcome.StatusCode);
            Assert.Equal(1, outcome.Attempts);
            Assert.Contains("unauthorized (401)", outcome.Reason);
            Assert.Contains("UserApi:Auth:Mode is None", outcome.Reason);
        }
    }

    [Theory]
    [InlineData("ApiKey")]
    [InlineData("Bearer")]
    [InlineData("OAuthClientCredentials")]
    public async Task A_wrong_secret_fails_the_user_with_401_in_the_reason_and_never_the_secret(string mode)
    {
        AuthSimulator auth = AuthSimulator.For(mode);
        string wrong = AuthSimulator.For(mode).Secret;
        await using ApiSimulator api = await ApiSimulator.StartAsync(auth.Apply(Fast()));
        (UserApiClient client, var services) = AuthSimulator.Client(api, auth.Settings(api, wrong));
        await using (services)
        {
            UserFetchOutcome outcome = await client.FetchAsync(1);

            Assert.False(outcome.Succeeded);
            Assert.Contains("401", outcome.Reason);
            Assert.Equal(1, outcome.Attempts);
            Assert.DoesNotContain(wrong, outcome.Reason);
            Assert.DoesNotContain(auth.Secret, outcome.Reason);
            if (mode == "OAuthClientCredentials")
            {
                // The token endpoint refused the client: the user API was never called.
                Assert.Contains("token endpoint", outcome.Reason);
                Assert.Contains("UserApi:Auth:TokenUrl", outcome.Reason);
                Assert.Equal(0, api.Snapshot().Requests);
            }
            else
            {
                Assert.Contains($"refused the {mode} credentials", outcome.Reason);
            }
        }
    }

    [Fact]
    public async Task A_token_is_fetched_once_per_lifetime_not_per_request()
    {
        AuthSimulator auth = AuthSimulator.For("OAuthClientCredentials");
        SimulatorOptions options = auth.Apply(Fast());
        options.TokenLifetime = TimeSpan.FromSeconds(2);
        await using ApiSimulator api = await ApiSimulator.StartAsync(options);
        (UserApiClient client, var services) = AuthSimulator.Client(api, auth.Settings(api));
        await using (services)
        {
            var clock = Stopwatch.StartNew();
            int id = 0;
            var failures = new List<string>();
            // Four callers for 5 s: hundreds of requests over at least three token lifetimes.
            await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
            {
                while (clock.Elapsed < TimeSpan.FromSeconds(5))
                {
                    UserFetchOutcome outcome = await client.FetchAsync(Interlocked.Increment(ref id) % 1000 + 1);
                    if (!outcome.Succeeded)
                    {
                        lock (failures) failures.Add(outcome.Reason!);
                    }
                }
            }));
            double elapsed = clock.Elapsed.TotalSeconds;

            SimulatorStats stats = api.Snapshot();
            Assert.Empty(failures);
            Assert.Equal(0, stats.Unauthorized);
            Assert.True(stats.Ok > 50, $"only {stats.Ok} requests");
            // Renewed 20 % ahead of expiry (every 1.6 s): at least ceil(5 / 2) tokens, at most one per 1.6 s plus the first and slack.
            Assert.InRange(stats.TokensIssued, 3, (long)Math.Ceiling(elapsed / 1.6) + 2);
            Assert.Equal(stats.TokensIssued, services.GetService(typeof(ClientCredentialsTokens)) is ClientCredentialsTokens t ? t.Fetches : -1);
        }
    }

    [Fact]
    public async Task A_revoked_token_is_refreshed_once_on_401_for_all_callers_and_the_users_succeed()
    {
        AuthSimulator auth = AuthSimulator.For("OAuthClientCredentials");
        await using ApiSimulator api = await ApiSimulator.StartAsync(auth.Apply(Fast()));
        (UserApiClient client, var services) = AuthSimulator.Client(api, auth.Settings(api));
        await using (services)
        {
            Assert.True((await client.FetchAsync(1)).Succeeded);
            api.RevokeTokens();

            UserFetchOutcome[] outcomes = await Task.WhenAll(Enumerable.Range(2, 10).Select(id => client.FetchAsync(id)));

            Assert.All(outcomes, o => Assert.True(o.Succeeded, o.Reason));
            SimulatorStats stats = api.Snapshot();
            // However many callers met the revoked token (one or all ten), one of them fetched the replacement for all.
            Assert.Equal(2, stats.TokensIssued);
            Assert.InRange(stats.Unauthorized, 1, 10);
        }
    }

    [Fact]
    public async Task A_fresh_token_refused_again_fails_the_user_with_a_clear_reason_after_one_refresh()
    {
        AuthSimulator auth = AuthSimulator.For("OAuthClientCredentials");
        SimulatorOptions options = auth.Apply(Fast());
        options.TokenEndpointFault = TokenEndpointFault.RefusedToken;
        await using ApiSimulator api = await ApiSimulator.StartAsync(options);
        (UserApiClient client, var services) = AuthSimulator.Client(api, auth.Settings(api));
        await using (services)
        {
            UserFetchOutcome outcome = await client.FetchAsync(1);

            Assert.Equal(401, outcome.StatusCode);
            Assert.Contains("unauthorized (401)", outcome.Reason);
            Assert.Contains("a freshly fetched token too", outcome.Reason);
            Assert.DoesNotContain(auth.Secret, outcome.Reason);
            SimulatorStats stats = api.Snapshot();
            Assert.Equal((2, 2), (stats.TokensIssued, stats.Unauthorized));
        }
    }

    [Theory]
    [InlineData(TokenEndpointFault.ServerError, "answered HTTP 500")]
    [InlineData(TokenEndpointFault.BadJson, "a body that is not JSON")]
    public async Task A_broken_token_endpoint_fails_the_users_with_its_reason_and_no_secret(TokenEndpointFault fault, string expected)
    {
        AuthSimulator auth = AuthSimulator.For("OAuthClientCredentials");
        SimulatorOptions options = auth.Apply(Fast());
        options.TokenEndpointFault = fault;
        await using ApiSimulator api = await ApiSimulator.StartAsync(options);
        (UserApiClient client, var services) = AuthSimulator.Client(api, auth.Settings(api));
        await using (services)
        {
            UserFetchOutcome[] outcomes = await Task.WhenAll(Enumerable.Range(1, 10).Select(id => client.FetchAsync(id)));

            Assert.All(outcomes, o =>
            {
                Assert.False(o.Succeeded);
                Assert.Contains("no access token", o.Reason);
                Assert.Contains(expected, o.Reason);
                Assert.Contains(api.TokenUrl.ToString().TrimEnd('/'), o.Reason);
                Assert.DoesNotContain(auth.Secret, o.Reason);
            });
            SimulatorStats stats = api.Snapshot();
            Assert.Equal(0, stats.Requests);
            // Callers waiting on a failed fetch share its failure instead of each asking again.
            Assert.InRange(stats.TokenRequests, 1, 9);

            // The endpoint recovers: the next user gets a token and succeeds.
            api.SetTokenEndpointFault(TokenEndpointFault.None);
            UserFetchOutcome later = await client.FetchAsync(11);
            Assert.True(later.Succeeded, later.Reason);
        }
    }

    [Fact]
    public async Task A_run_pinned_to_another_API_gets_no_credentials_from_this_process()
    {
        AuthSimulator auth = AuthSimulator.For("ApiKey");
        await using ApiSimulator own = await ApiSimulator.StartAsync(auth.Apply(Fast()));
        await using ApiSimulator other = await ApiSimulator.StartAsync(AuthSimulator.For("ApiKey").Apply(Fast()));
        (UserApiClient client, var services) = AuthSimulator.Client(own, auth.Settings(own));
        await using (services)
        {
            var options = (Microsoft.Extensions.Options.IOptions<Serverless.Core.Options.UserApiOptions>)services.GetService(
                typeof(Microsoft.Extensions.Options.IOptions<Serverless.Core.Options.UserApiOptions>))!;
            var pinned = Serverless.Core.Options.UserApiSettings.From(options.Value) with { BaseUrl = other.BaseUrl.ToString() };

            UserFetchOutcome outcome = await client.FetchAsync(1, pinned);

            Assert.Equal(401, outcome.StatusCode);
            Assert.Contains("no credentials sent", outcome.Reason);
            Assert.Contains("UserApi:BaseUrl", outcome.Reason);
            Assert.True((await client.FetchAsync(1)).Succeeded);
        }
    }
}
