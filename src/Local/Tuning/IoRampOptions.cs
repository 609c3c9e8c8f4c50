namespace Serverless.Local.Tuning;

/// <summary>How hard and how long the I/O ramp may push an API.</summary>
public sealed record IoRampOptions
{
    /// <summary>Safety ceiling: the ramp never runs more requests at once than this, whatever the API takes.</summary>
    public int MaxConcurrency { get; init; } = 64;

    /// <summary>How long each concurrency level is held (no new requests after it; those in flight finish).</summary>
    public TimeSpan StepDuration { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>A level whose median latency exceeds this multiple of the best median seen is queueing, not scaling.</summary>
    public double LatencyRiseFactor { get; init; } = 1.5;

    /// <summary>
    /// A level whose throughput grew by less than this share of its concurrency growth (e.g. 8 → 16 gives under
    /// +25 % with 0.25) has hit the API's capacity: more concurrency only queues.
    /// </summary>
    public double MinScaling { get; init; } = 0.25;

    /// <summary>Share of 5xx and transport failures above which a level counts as overloading the API.</summary>
    public double MaxErrorShare { get; init; } = 0.05;

    /// <summary>
    /// The recommended cap is the last good level times this when the API refused (429, errors): headroom for other clients and jitter.
    /// </summary>
    public double SafetyMargin { get; init; } = 0.9;

    /// <summary>The ramp waits the API's Retry-After after a refusal before the next level, but never longer than this.</summary>
    public TimeSpan MaxRetryAfterWait { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Requests go to <c>users/{id}</c> for ids 1..this, round robin.</summary>
    public int UserIds { get; init; } = 10;

    /// <summary>Timeout of one request; one that takes longer counts as an error.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxConcurrency, 1, nameof(MaxConcurrency));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(StepDuration, TimeSpan.Zero, nameof(StepDuration));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(LatencyRiseFactor, 1, nameof(LatencyRiseFactor));
        ArgumentOutOfRangeException.ThrowIfNegative(MinScaling, nameof(MinScaling));
        ArgumentOutOfRangeException.ThrowIfNegative(MaxErrorShare, nameof(MaxErrorShare));
        if (SafetyMargin is <= 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(SafetyMargin), SafetyMargin, "SafetyMargin must be within (0..1].");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(UserIds, 1, nameof(UserIds));
    }
}
