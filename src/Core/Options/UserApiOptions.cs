using System.ComponentModel.DataAnnotations;

namespace Serverless.Core.Options;

/// <summary>How we talk to the third-party user API. Section <c>UserApi</c> (env: <c>UserApi__MaxConcurrency</c>, …).</summary>
public sealed class UserApiOptions
{
    public const string Section = "UserApi";

    /// <summary>Base address; the client calls <c>GET {BaseUrl}/users/{id}</c>. https; see <see cref="ApiUrlPolicy"/>.</summary>
    [Required, Url]
    public string BaseUrl { get; set; } = "http://127.0.0.1:5080";

    /// <summary>Development only: lets <see cref="BaseUrl"/> (and what its name resolves to) be loopback, over http too.
    /// The local runner and local.settings.json set it; Azure must not.</summary>
    public bool AllowLoopback { get; set; }

    /// <summary>Lets the API live at a private-network address (RFC 1918, fc00::/7, 100.64/10), e.g. behind a VNet. Link-local never.</summary>
    public bool AllowPrivateNetwork { get; set; }

    /// <summary>Fetches in flight across a whole run. 20 because the seed tried 50 and was banned.</summary>
    [Range(1, 1000)]
    public int MaxConcurrency { get; set; } = 20;

    /// <summary>Optional client-side rate ceiling for this process (requests per second); null means none.</summary>
    [Range(0.01, 100_000)]
    public double? RequestsPerSecond { get; set; }

    /// <summary>Timeout of one HTTP attempt.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Ceiling on one user's fetch, retries and waits included. It must stay below the engine's activity lock
    /// (the local engine hides a dequeued activity for 30 s), or a slow fetch gets run a second time.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(25);

    /// <summary>
    /// Largest response body read for one user, in bytes. The body is read inside the attempt's timeout; a larger one fails that
    /// user (not retried) instead of filling memory and the run's results.
    /// </summary>
    [Range(1024, 256 * 1024 * 1024)]
    public int MaxResponseBytes { get; set; } = 1024 * 1024;

    /// <summary>Retries after the first attempt, on 408/429/5xx and transport errors.</summary>
    [Range(0, 20)]
    public int MaxRetries { get; set; } = 6;

    /// <summary>First backoff step; doubled each retry, jittered. A Retry-After header takes precedence.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:01:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Upper bound of one wait, whatever Retry-After says, so an activity stays shorter than the engine's work-item lock.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Circuit breaker: share of failed calls (5xx, timeouts, transport) in the sampling window that opens it.</summary>
    [Range(0.01, 1.0)]
    public double BreakerFailureRatio { get; set; } = 0.5;

    /// <summary>Circuit breaker: calls needed in the window before it may open.</summary>
    [Range(2, 100_000)]
    public int BreakerMinimumThroughput { get; set; } = 20;

    [Range(typeof(TimeSpan), "00:00:00.500", "00:10:00")]
    public TimeSpan BreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(10);

    [Range(typeof(TimeSpan), "00:00:00.500", "00:10:00")]
    public TimeSpan BreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Credentials (section <c>UserApi:Auth</c>). This process's, never a run's: see <see cref="UserApiAuthOptions"/>.</summary>
    public UserApiAuthOptions Auth { get; set; } = new();
}
