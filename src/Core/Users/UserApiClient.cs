using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Serverless.Core.Options;

namespace Serverless.Core.Users;

/// <summary>
/// Typed client for <c>GET {BaseUrl}/users/{id}</c>. Every outcome, good or bad, comes back as a value with the attempts it took
/// and a reason; only the caller's cancellation escapes as an exception. Each attempt, headers and body, runs inside the resilience
/// pipeline (see <see cref="UserApiResilience"/>) so its timeouts bound the whole of it; redirects are not followed.
/// A run passes its own <see cref="UserApiSettings"/> (its API and how to call it); this process's <see cref="ApiUrlPolicy"/>
/// still decides whether that API may be called from here.
/// </summary>
public sealed class UserApiClient(
    HttpClient http, UserApiPipelines pipelines, IOptions<UserApiOptions> options, TimeProvider time, ILogger<UserApiClient> log)
{
    /// <summary>A fetch with this process's own settings.</summary>
    public Task<UserFetchOutcome> FetchAsync(int userId, CancellationToken cancellationToken = default) =>
        FetchAsync(userId, api: null, cancellationToken);

    /// <param name="api">The run's API and settings; null for this process's configuration.</param>
    public async Task<UserFetchOutcome> FetchAsync(int userId, UserApiSettings? api, CancellationToken cancellationToken = default)
    {
        api ??= UserApiSettings.From(options.Value);
        if (ApiUrlPolicy.For(options.Value).CheckBaseUrl(api.BaseUrl) is { } refused)
        {
            return Logged(UserFetchOutcome.Failure(
                userId, 0, null, $"the run's user API '{UserApiFailures.ShownUrl(api.BaseUrl)}' {refused}; not attempted"), LogLevel.Warning);
        }

        ResilienceContext context = ResilienceContextPool.Shared.Get(cancellationToken);
        CircuitMemory? breaker = null;
        try
        {
            ResiliencePipeline<HttpResponseMessage> pipeline = pipelines.For(api, out breaker);
            var uri = new Uri(api.BaseUri, $"users/{userId}");
            Outcome<HttpResponseMessage> outcome = await pipeline.ExecuteOutcomeAsync(
                static (attempt, state) => state.Client.AttemptAsync(state.Uri, state.MaxBytes, attempt.CancellationToken),
                context,
                (Client: this, Uri: uri, MaxBytes: api.MaxResponseBytes));
            int attempts = UserApiResilience.AttemptsOf(context);
            bool throttled = UserApiResilience.WasThrottled(context);
            if (outcome.Exception is { } e)
            {
                cancellationToken.ThrowIfCancellationRequested();
                LogLevel level = e is ResponseTooLargeException || !IsExpected(e) ? LogLevel.Warning : LogLevel.Information;
                return Logged(UserFetchOutcome.Failure(userId, attempts, null, UserApiFailures.Describe(e, attempts, api, breaker.LastCause))
                    with { Throttled = throttled }, level);
            }

            using HttpResponseMessage response = outcome.Result!;
            throttled |= response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable;
            return Logged(await ReadAsync(userId, attempts, response) with { Throttled = throttled });
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // Nothing about one user may fail the batch: whatever slipped through becomes this user's failure.
            int attempts = UserApiResilience.AttemptsOf(context);
            string reason = UserApiFailures.Describe(e, attempts, api, breaker?.LastCause);
            return Logged(UserFetchOutcome.Failure(userId, attempts, null, reason), LogLevel.Warning);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>One attempt, its body read within the attempt's token and the size limit. Never throws: the pipeline gets an outcome.</summary>
    async ValueTask<Outcome<HttpResponseMessage>> AttemptAsync(Uri uri, int maxBytes, CancellationToken cancellationToken)
    {
        HttpResponseMessage? response = null;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                HttpContent wire = response.Content;
                response.Content = new ByteArrayContent(await ResponseBody.ReadAsync(wire, maxBytes, cancellationToken));
                wire.Dispose();
            }

            return Outcome.FromResult(response);
        }
        catch (Exception e)
        {
            response?.Dispose();
            return Outcome.FromException<HttpResponseMessage>(e);
        }
    }

    async Task<UserFetchOutcome> ReadAsync(int userId, int attempts, HttpResponseMessage response)
    {
        int status = (int)response.StatusCode;
        if (!response.IsSuccessStatusCode)
        {
            TimeSpan? retryAfter = response.StatusCode == HttpStatusCode.Forbidden ? UserApiResilience.RetryAfter(response, time) : null;
            return UserFetchOutcome.Failure(userId, attempts, status, UserApiFailures.Describe(response, attempts, retryAfter)) with
            {
                Banned = response.StatusCode == HttpStatusCode.Forbidden,
                BanRetryAfter = retryAfter,
            };
        }

        byte[] body = await response.Content.ReadAsByteArrayAsync();
        (string? json, string? problem) = UserJson.Check(body, userId);
        return json is not null
            ? UserFetchOutcome.Success(userId, attempts, json)
            : UserFetchOutcome.Failure(userId, attempts, status, problem!);
    }

    static bool IsExpected(Exception e) =>
        e is HttpRequestException or IOException or Polly.Timeout.TimeoutRejectedException
            or Polly.CircuitBreaker.BrokenCircuitException or Polly.RateLimiting.RateLimiterRejectedException;

    /// <summary>
    /// Failures are logged: ordinary ones (404, 5xx, timeouts) as information, what looks wrong with the API (a redirect, an
    /// oversized or foreign answer, a ban, anything unexpected) as a warning. The reason holds no secrets (see UserApiFailures).
    /// </summary>
    UserFetchOutcome Logged(UserFetchOutcome outcome, LogLevel? level = null)
    {
        if (outcome.Succeeded)
        {
            return outcome;
        }

        level ??= outcome.StatusCode is 404 or 429 or >= 500 ? LogLevel.Information : LogLevel.Warning;
        if (log.IsEnabled(level.Value))
        {
            log.Log(level.Value, "User {UserId} failed after {Attempts} attempt(s): {Reason}", outcome.UserId, outcome.Attempts, outcome.Reason);
        }

        return outcome;
    }
}
