namespace Serverless.Simulator;

/// <summary>
/// Behaviour of the simulated third-party user API. Values are copied when the simulator starts,
/// so mutating an instance afterwards has no effect; use the <see cref="ApiSimulator"/> setters to steer a running one.
/// </summary>
public sealed class SimulatorOptions
{
    /// <summary>
    /// Service time of an admitted request, in milliseconds. The slot is held for this long, which is what makes the concurrency limit
    /// bite.
    /// </summary>
    public int LatencyMs { get; set; } = 50;

    /// <summary>
    /// ± uniform jitter on <see cref="LatencyMs"/>, drawn from a seeded stream separate from the fault stream so that turning jitter on
    /// does not change which requests fail.
    /// </summary>
    public int LatencyJitterMs { get; set; }

    /// <summary>More than this many admitted requests in flight → 429 with Retry-After. 0 = unlimited.</summary>
    public int ConcurrencyLimit { get; set; } = 20;

    /// <summary>Retry-After sent with 429 and 503.</summary>
    public int RetryAfterSeconds { get; set; } = 1;

    /// <summary>Fraction (0..1) of admitted, known-id requests answered with a server error, chosen by the seeded RNG.</summary>
    public double ErrorRate { get; set; }

    /// <summary>
    /// Of the injected server errors, the share answered 500 (no Retry-After) rather than 503 (with Retry-After).
    /// Real APIs produce both, and clients must not assume every 5xx carries a hint.
    /// </summary>
    public double InternalServerErrorShare { get; set; } = 0.25;

    /// <summary>Ids 1..UserCount exist; anything else (including id ≤ 0 and non-numbers) is 404.</summary>
    public int UserCount { get; set; } = 1_000_000;

    /// <summary>Seeds user content and the fault/jitter streams, so runs are reproducible.</summary>
    public int Seed { get; set; } = 42;

    /// <summary>Ban clients that keep pushing through 429s, as real APIs do; this is what punishes a retry loop that ignores Retry-After.</summary>
    public bool BanEnabled { get; set; } = true;

    /// <summary>Sliding window over which overload is judged.</summary>
    public TimeSpan BanWindow { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Minimum requests in the window before a ban can trigger, so a few 429s on light traffic never ban.
    /// Note a single burst can still reach it: 50 simultaneous requests against a limit of 20 are 30 rejections of 50.
    /// </summary>
    public int BanMinRequests { get; set; } = 50;

    /// <summary>Ban when at least this fraction of the window's requests were rejected with 429.</summary>
    public double BanRejectRatio { get; set; } = 0.5;

    /// <summary>How long a ban lasts; every request meanwhile gets 403 with Retry-After = remaining cooldown.</summary>
    public TimeSpan BanCooldown { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Bans outright when this many user requests have arrived (0 = never), whatever the client's manners: a ban mid-run on cue.
    /// Needs <see cref="BanEnabled"/>.
    /// </summary>
    public int BanAfterRequests { get; set; }

    /// <summary>
    /// The Retry-After a 403 sends: null (the default) the remaining cooldown, 0 none at all, else this many seconds however long the
    /// ban lasts (an API that tells a client to come back before it has forgiven it).
    /// </summary>
    public int? BanRetryAfterSeconds { get; set; }

    /// <summary>API-key mode: when set, a request needs this key in <see cref="ApiKeyHeader"/> (or another accepted credential).</summary>
    public string? ApiKey { get; set; }

    public string ApiKeyHeader { get; set; } = "X-Api-Key";

    /// <summary>Bearer mode: when set, <c>Authorization: Bearer</c> with this token is accepted.</summary>
    public string? BearerToken { get; set; }

    /// <summary>
    /// Client-credentials mode: with <see cref="ClientSecret"/>, turns on <c>POST /oauth/token</c>, and requests need a token it issued.
    /// </summary>
    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>How long an issued token works (sent as <c>expires_in</c>, whole seconds).</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Makes the token endpoint answer 500 or a body that is not JSON.</summary>
    public TokenEndpointFault TokenEndpointFault { get; set; }

    /// <summary>
    /// Throws if the options describe something the simulator cannot honour, so a typo fails loudly at start rather than producing odd
    /// numbers.
    /// </summary>
    public void Validate()
    {
        static void Require(bool ok, string name, object value, string rule)
        {
            if (!ok)
            {
                throw new ArgumentOutOfRangeException(name, value, $"{name} {rule}.");
            }
        }

        Require(LatencyMs >= 0, nameof(LatencyMs), LatencyMs, "must be >= 0");
        Require(LatencyJitterMs >= 0, nameof(LatencyJitterMs), LatencyJitterMs, "must be >= 0");
        Require(ConcurrencyLimit >= 0, nameof(ConcurrencyLimit), ConcurrencyLimit, "must be >= 0 (0 = unlimited)");
        Require(RetryAfterSeconds >= 0, nameof(RetryAfterSeconds), RetryAfterSeconds, "must be >= 0");
        Require(ErrorRate is >= 0 and <= 1, nameof(ErrorRate), ErrorRate, "must be within 0..1");
        Require(InternalServerErrorShare is >= 0 and <= 1, nameof(InternalServerErrorShare), InternalServerErrorShare, "must be within 0..1");
        Require(UserCount >= 0, nameof(UserCount), UserCount, "must be >= 0");
        Require(BanWindow > TimeSpan.Zero, nameof(BanWindow), BanWindow, "must be positive");
        Require(BanMinRequests >= 1, nameof(BanMinRequests), BanMinRequests, "must be >= 1");
        Require(BanRejectRatio is > 0 and <= 1, nameof(BanRejectRatio), BanRejectRatio, "must be within (0..1]");
        Require(BanCooldown >= TimeSpan.Zero, nameof(BanCooldown), BanCooldown, "must be >= 0");
        Require(BanAfterRequests >= 0, nameof(BanAfterRequests), BanAfterRequests, "must be >= 0 (0 = never)");
        Require(TokenLifetime >= TimeSpan.FromSeconds(1), nameof(TokenLifetime), TokenLifetime, "must be at least 1 s");
        Require((ClientId is null) == (ClientSecret is null), nameof(ClientSecret), "(hidden)", "and ClientId must be set together");
        Require(!string.IsNullOrWhiteSpace(ApiKeyHeader), nameof(ApiKeyHeader), ApiKeyHeader, "must name a header");
        Require(BanRetryAfterSeconds is null or >= 0, nameof(BanRetryAfterSeconds), BanRetryAfterSeconds ?? 0, "must be >= 0 (0 = none)");
    }

    /// <summary>Copy, so the running simulator is isolated from later changes by the caller.</summary>
    public SimulatorOptions Clone() => (SimulatorOptions)MemberwiseClone();
}
