using System.Net;
using System.Text.Json;
using Polly;
using Polly.CircuitBreaker;
using Polly.RateLimiting;
using Polly.Timeout;

namespace Serverless.Core.Users;

/// <summary>
/// Typed client for <c>GET {BaseUrl}/users/{id}</c>. Every outcome, good or bad, comes back as a value
/// with the attempts it took; the resilience pipeline (see <see cref="UserApiResilience"/>) has already retried.
/// </summary>
public sealed class UserApiClient(HttpClient http)
{
    public async Task<UserFetchOutcome> FetchAsync(int userId, CancellationToken cancellationToken = default)
    {
        ResilienceContext context = ResilienceContextPool.Shared.Get(cancellationToken);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"users/{userId}");
            request.SetResilienceContext(context);
            using HttpResponseMessage response = await http.SendAsync(request, cancellationToken);
            int attempts = UserApiResilience.AttemptsOf(context);
            bool throttled = UserApiResilience.WasThrottled(context)
                             || response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable;
            if (!response.IsSuccessStatusCode)
            {
                bool banned = response.StatusCode == HttpStatusCode.Forbidden;
                return UserFetchOutcome.Failure(userId, attempts, (int)response.StatusCode, Describe(response.StatusCode, attempts)) with
                {
                    Throttled = throttled,
                    Banned = banned,
                    BanRetryAfter = banned ? response.Headers.RetryAfter switch
                    {
                        { Delta: { } delta } => delta,
                        { Date: { } date } => date - DateTimeOffset.UtcNow,
                        _ => null,
                    } : null,
                };
            }

            string body = await response.Content.ReadAsStringAsync(cancellationToken);
            UserFetchOutcome outcome = TryCompact(body) is { } json
                ? UserFetchOutcome.Success(userId, attempts, json)
                : UserFetchOutcome.Failure(userId, attempts, (int)response.StatusCode, "the API answered 200 with a body that is not a JSON object");
            return outcome with { Throttled = throttled };
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutRejectedException or BrokenCircuitException or RateLimiterRejectedException
                                  || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            int attempts = UserApiResilience.AttemptsOf(context);
            return UserFetchOutcome.Failure(userId, attempts, null, $"{e.GetType().Name} after {attempts} attempt(s): {e.Message}")
                with { Throttled = UserApiResilience.WasThrottled(context) };
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    static string Describe(HttpStatusCode status, int attempts) => status switch
    {
        HttpStatusCode.NotFound => "not found (404): the API has no such user; not retried",
        HttpStatusCode.Forbidden => "forbidden (403): the API refused us, possibly a ban; not retried",
        HttpStatusCode.TooManyRequests => $"still rate limited (429) after {attempts} attempt(s)",
        >= HttpStatusCode.InternalServerError => $"server error ({(int)status}) after {attempts} attempt(s)",
        _ => $"HTTP {(int)status}; not retried",
    };

    /// <summary>One line per user in the NDJSON result, so the body is re-written without indentation.</summary>
    static string? TryCompact(string body)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object ? JsonSerializer.Serialize(document.RootElement) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
