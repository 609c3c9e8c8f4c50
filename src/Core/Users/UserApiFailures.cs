using System.Globalization;
using System.Net;
using Polly;
using Polly.CircuitBreaker;
using Polly.RateLimiting;
using Polly.Timeout;
using Serverless.Core.Options;
using Serverless.Core.Users.Auth;

namespace Serverless.Core.Users;

/// <summary>
/// The reasons a failed user is listed with, in words an operator can act on: what the API did, or which of our limits ended
/// the fetch, never a bare exception type. They carry no secrets: URLs are shown without credentials, query or fragment.
/// </summary>
public static class UserApiFailures
{
    const int MaxShownUrlChars = 200;

    /// <summary>One attempt's outcome, as the circuit breaker remembers what opened it.</summary>
    public static string DescribeAttempt(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: TimeoutRejectedException timeout } => $"attempt timed out after {Seconds(timeout.Timeout)}",
        { Exception: HttpRequestException e } => $"transport error: {e.Message}",
        { Exception: IOException e } => $"the connection failed while reading the response: {e.Message}",
        { Exception: { } e } => $"{e.GetType().Name}: {e.Message}",
        { Result: { } response } => $"HTTP {(int)response.StatusCode}",
        _ => "no outcome",
    };

    /// <summary>The reason for a fetch the pipeline ended with an exception (caller cancellation excepted).</summary>
    /// <param name="circuitOpenedBy">What last opened the pipeline's circuit breaker, if it has opened.</param>
    public static string Describe(Exception e, int attempts, UserApiSettings api, string? circuitOpenedBy) => e switch
    {
        BrokenCircuitException => $"the API's circuit is open after repeated failures (last: {circuitOpenedBy ?? "unknown"}); not attempted",
        TimeoutRejectedException t when t.Timeout >= api.TotalTimeout =>
            $"gave up after the total timeout of {Seconds(api.TotalTimeout)} ({Attempts(attempts)})",
        TimeoutRejectedException t => $"attempt timed out after {Seconds(t.Timeout)} ({Attempts(attempts)})",
        RateLimiterRejectedException => $"the client-side rate limiter ({UserApiOptions.Section}:RequestsPerSecond) turned the request away",
        ResponseTooLargeException => e.Message,
        AccessTokenException => $"no access token for the user API: {e.Message}; not attempted",
        HttpRequestException => $"transport error after {Attempts(attempts)}: {e.Message}",
        IOException => $"the connection failed while reading the response, after {Attempts(attempts)}: {e.Message}",
        _ => $"unexpected {e.GetType().Name} after {Attempts(attempts)}: {e.Message}",
    };

    /// <summary>The reason for a final answer that is not 2xx.</summary>
    public static string Describe(HttpResponseMessage response, int attempts, TimeSpan? retryAfter)
    {
        HttpStatusCode status = response.StatusCode;
        return status switch
        {
            HttpStatusCode.NotFound => "not found (404): the API has no such user; not retried",
            HttpStatusCode.Unauthorized => Unauthorized(response.RequestMessage),
            HttpStatusCode.Forbidden => "forbidden (403): the API refused us, a ban" +
                (retryAfter is { } wait ? $" (Retry-After {Seconds(wait)})" : "") + "; not retried",
            HttpStatusCode.TooManyRequests => $"still rate limited (429) after {Attempts(attempts)}",
            >= HttpStatusCode.InternalServerError => $"server error ({(int)status}) after {Attempts(attempts)}",
            >= HttpStatusCode.MultipleChoices and < HttpStatusCode.BadRequest => Redirect(response),
            _ => $"HTTP {(int)status}; not retried",
        };
    }

    /// <summary>
    /// A user API that redirects is suspect (a redirect is how a request is steered to an internal address or another scheme),
    /// so the client does not follow redirects; the reason says where it was sent.
    /// </summary>
    static string Redirect(HttpResponseMessage response)
    {
        string code = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
        return response.Headers.TryGetValues("Location", out IEnumerable<string>? values) && values.FirstOrDefault() is { Length: > 0 } location
            ? $"the API redirected ({code}) to {ShownUrl(location)}; redirects are not followed"
            : $"the API answered {code}, a redirect without a location; redirects are not followed";
    }

    /// <summary>Which credentials the API refused (never their value), so the operator knows which setting to look at.</summary>
    static string Unauthorized(HttpRequestMessage? request)
    {
        string mode = UserApiAuthOptions.Key(nameof(UserApiAuthOptions.Mode));
        string? sent = request?.Options.TryGetValue(UserApiCredentials.SentKey, out string? value) == true ? value : null;
        bool refreshed = request?.Options.TryGetValue(UserApiCredentials.RefreshedKey, out bool fresh) == true && fresh;
        return sent switch
        {
            null => $"unauthorized (401): the API wants credentials and {mode} is None; not retried",
            UserApiCredentials.Withheld => $"unauthorized (401): no credentials sent, the run's API is not this process's " +
                $"{UserApiOptions.Section}:{nameof(UserApiOptions.BaseUrl)}, the only API its credentials go to; not retried",
            _ when refreshed => $"unauthorized (401): the API refused the {sent} credentials, a freshly fetched token too; not retried",
            _ => $"unauthorized (401): the API refused the {sent} credentials (check {UserApiAuthOptions.SectionPath}); not retried",
        };
    }

    /// <summary>A URL as shown in reasons and logs: no credentials, query or fragment, no control characters, bounded in length.</summary>
    public static string ShownUrl(string url)
    {
        string shown = Uri.TryCreate(url, UriKind.Absolute, out Uri? uri)
            ? uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped)
            : url.Split('?', '#')[0];
        shown = new string(shown.Where(c => !char.IsControl(c)).ToArray());
        return shown.Length > MaxShownUrlChars ? shown[..MaxShownUrlChars] + "…" : shown;
    }

    static string Attempts(int attempts) => attempts == 1 ? "1 attempt" : $"{attempts} attempts";

    static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";
}
