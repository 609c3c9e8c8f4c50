namespace Serverless.Local.Tuning;

/// <summary>Why a level was judged too much for the API (or <see cref="Good"/>).</summary>
public enum IoVerdict
{
    Good,
    /// <summary>The API answered 429: the ramp stopped the level at once.</summary>
    Throttled,
    /// <summary>The API answered 403 (banned): the ramp stopped altogether.</summary>
    Banned,
    /// <summary>Median latency rose past the allowed factor of the best seen.</summary>
    LatencyRise,
    /// <summary>Throughput did not grow with concurrency.</summary>
    Plateau,
    /// <summary>Too many 5xx or transport failures.</summary>
    Errors,
}

/// <summary>One concurrency level held against the API, and how it went.</summary>
public sealed record IoStep(
    int Concurrency,
    int Requests,
    int Ok,
    int Throttled,
    int Forbidden,
    int Errors,
    double Seconds,
    double Throughput,
    double? P50Ms,
    double? P95Ms,
    double? FirstThrottleMs,
    double? RetryAfterSeconds,
    IoVerdict Verdict);
