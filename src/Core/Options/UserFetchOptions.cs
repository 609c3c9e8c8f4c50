using System.ComponentModel.DataAnnotations;

namespace Serverless.Core.Options;

/// <summary>Limits on what one user-fetch request may ask for. Section <c>UserFetch</c>.</summary>
public sealed class UserFetchOptions
{
    public const string Section = "UserFetch";

    [Range(1, 10_000_000)]
    public int MaxUsersPerRun { get; set; } = 100_000;

    /// <summary>
    /// Most users per sub-orchestration in a large run; keeps each orchestration's history (replayed on every step) short. A run
    /// makes its chunks equal, in whole rounds of lanes (<see cref="Runs.FanOut.ChunkSizing"/>). Every chunk pays a start, a
    /// permit request, an item read and an end while its lane's permits wait, so chunks are large: 10,000 users at cap 50 are
    /// two chunks of 5,000, one per lane of 25 permits. With chunks of 2,500 each lane ran two, and the switch cost every
    /// run 0.15-0.2 s (21.4-21.6 s against 21.2-21.4 s, A/B on fresh Azurite stores).
    /// </summary>
    [Range(1, 5_000)]
    public int ChunkSize { get; set; } = 5_000;

    /// <summary>
    /// Users per activity when a request does not say (<c>batchSize</c>); 0 (the default) chooses per run
    /// (<see cref="Runs.FanOut.BatchSizing.ForUserRun"/>). Larger batches spend less on the engine per user (fewer queue
    /// messages and history events), at the price of coarser progress and a window that adapts less often.
    /// </summary>
    [Range(0, 1_000)]
    public int BatchSize { get; set; }

    /// <summary>
    /// AIMD window: start at <c>UserApi:MaxConcurrency</c>, halve on 429/503, grow back by one per window of clean calls.
    /// Off, the window stays at the cap and only the retries slow down.
    /// </summary>
    public bool AdaptiveConcurrency { get; set; } = true;

    /// <summary>
    /// Runs against the same API share its cap through one limiter orchestration holding the permits, so two runs started
    /// together never exceed <c>UserApi:MaxConcurrency</c> between them. Off, each run has the whole cap to itself.
    /// </summary>
    public bool SharedApiLimit { get; set; } = true;

    /// <summary>
    /// How long a window waits for the limiter before it asks again; unset (the default), it asks once. Only an engine that can
    /// lose a message needs it: the runner's in-process engine drops the events a ContinueAsNew carries over, so the runner
    /// sets 5 s. Each ask sets a durable timer, and a timer cannot be cancelled: it fires into the run even after it ended.
    /// </summary>
    public TimeSpan? LimiterAskAgainAfter { get; set; }

    /// <summary>
    /// How long a run (and, through the limiter, every run against the API) pauses after a ban whose 403 names no Retry-After.
    /// A second ban in the same run fails it.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan BanCooldown { get; set; } = TimeSpan.FromSeconds(60);
}
