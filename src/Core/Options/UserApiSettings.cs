using System.Globalization;

namespace Serverless.Core.Options;

/// <summary>
/// The user API a run calls and the settings that shape every call, taken from <see cref="UserApiOptions"/> when the run starts.
/// The run's plan and each of its batches carry it, so a batch calls the run's API the run's way whichever process executes it
/// (a later runner, <c>runs wait</c> elsewhere, a Functions host configured differently). Who may be called stays the executing
/// process's decision (its <see cref="ApiUrlPolicy"/>). A record: equal settings share one resilience pipeline.
/// </summary>
public sealed record UserApiSettings(
    string BaseUrl,
    TimeSpan AttemptTimeout,
    TimeSpan TotalTimeout,
    int MaxRetries,
    TimeSpan RetryBaseDelay,
    TimeSpan MaxRetryDelay,
    int MaxResponseBytes,
    double? RequestsPerSecond,
    double BreakerFailureRatio,
    int BreakerMinimumThroughput,
    TimeSpan BreakerSamplingDuration,
    TimeSpan BreakerBreakDuration)
{
    public static UserApiSettings From(UserApiOptions options) => new(
        options.BaseUrl,
        options.AttemptTimeout,
        options.TotalTimeout,
        options.MaxRetries,
        options.RetryBaseDelay,
        options.MaxRetryDelay,
        options.MaxResponseBytes,
        options.RequestsPerSecond,
        options.BreakerFailureRatio,
        options.BreakerMinimumThroughput,
        options.BreakerSamplingDuration,
        options.BreakerBreakDuration);

    /// <summary>The base URL with a trailing slash, so <c>users/{id}</c> resolves under it rather than beside its last segment.</summary>
    public Uri BaseUri => new(WithSlash(BaseUrl), UriKind.Absolute);

    /// <summary>Whether two base URLs name the same API (scheme, host, port and path; a trailing slash does not matter).</summary>
    public static bool SameApi(string first, string second) =>
        Uri.TryCreate(WithSlash(first), UriKind.Absolute, out Uri? a)
        && Uri.TryCreate(WithSlash(second), UriKind.Absolute, out Uri? b)
        && Uri.Compare(a, b, UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped, StringComparison.Ordinal) == 0;

    /// <summary>The settings as the run's manifest records them, under their configuration keys.</summary>
    public IEnumerable<KeyValuePair<string, string>> AsCaps()
    {
        yield return Cap(nameof(BaseUrl), BaseUrl);
        yield return Cap(nameof(AttemptTimeout), AttemptTimeout.ToString("c", CultureInfo.InvariantCulture));
        yield return Cap(nameof(TotalTimeout), TotalTimeout.ToString("c", CultureInfo.InvariantCulture));
        yield return Cap(nameof(MaxRetries), MaxRetries.ToString(CultureInfo.InvariantCulture));
        yield return Cap(nameof(MaxResponseBytes), MaxResponseBytes.ToString(CultureInfo.InvariantCulture));
        yield return Cap(nameof(RequestsPerSecond), RequestsPerSecond?.ToString(CultureInfo.InvariantCulture) ?? "none");
    }

    static string WithSlash(string url) => url.EndsWith('/') ? url : url + "/";

    static KeyValuePair<string, string> Cap(string name, string value) => new($"{UserApiOptions.Section}:{name}", value);
}
