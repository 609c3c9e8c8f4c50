using System.Text.Json.Serialization;

namespace Serverless.Simulator;

/// <summary>
/// A point-in-time copy of the simulator's counters (since start or the last reset). Each counter is read
/// atomically, but the set is not one consistent cut: traffic in flight while the snapshot is taken may show
/// in one counter and not yet in another. Take snapshots when the load has stopped for exact totals.
/// </summary>
public sealed class SimulatorStats
{
    /// <summary>Every <c>GET /users/{id}</c>, whatever its outcome. Admin and stats calls are not counted.</summary>
    public long Requests { get; init; }

    /// <summary>200 responses.</summary>
    public long Ok { get; init; }

    /// <summary>429 responses: refused by the concurrency limit.</summary>
    public long TooManyRequests { get; init; }

    /// <summary>403 responses: refused while banned.</summary>
    public long Forbidden { get; init; }

    /// <summary>Injected 500 and 503 responses.</summary>
    public long ServerErrors { get; init; }

    /// <summary>404 responses: id outside 1..UserCount or not a number.</summary>
    public long NotFound { get; init; }

    /// <summary>401 responses: a credential was required and missing, wrong or expired.</summary>
    public long Unauthorized { get; init; }

    /// <summary><c>POST /oauth/token</c> requests, answered or not.</summary>
    public long TokenRequests { get; init; }

    /// <summary>Access tokens issued by the token endpoint.</summary>
    public long TokensIssued { get; init; }

    /// <summary>Admitted requests whose client went away before the answer was written.</summary>
    public long ClientAborted { get; init; }

    /// <summary>True peak of concurrently admitted requests.</summary>
    public int MaxInFlight { get; init; }

    /// <summary>Admitted requests being served right now.</summary>
    public int CurrentInFlight { get; init; }

    /// <summary>Limit in force when the snapshot was taken (0 = unlimited).</summary>
    public int ConcurrencyLimit { get; init; }

    /// <summary>How many times a ban was imposed.</summary>
    public long BanCount { get; init; }

    /// <summary>Whether the client is banned right now.</summary>
    public bool IsBanned { get; init; }

    /// <summary>Remaining ban cooldown, 0 when not banned.</summary>
    public double BanRemainingSeconds { get; init; }

    /// <summary>Ids that received at least one 200.</summary>
    public long DistinctIdsServed { get; init; }

    /// <summary>200s beyond the first for an id: wasted calls a caching or de-duplicating client would have avoided.</summary>
    public long DuplicateOk { get; init; }

    /// <summary>Time since start or last reset, so a remote benchmark can compute rates from one snapshot.</summary>
    public double ElapsedSeconds { get; init; }

    /// <summary>200s per id (non-zero entries only). Not serialised: with a million ids it would dwarf the rest.</summary>
    [JsonIgnore]
    public IReadOnlyDictionary<int, int> OkHitsById { get; init; } = new Dictionary<int, int>();

    /// <summary>How many 200s <paramref name="id"/> got.</summary>
    public int HitsFor(int id) => OkHitsById.TryGetValue(id, out var n) ? n : 0;
}
