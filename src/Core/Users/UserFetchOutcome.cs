namespace Serverless.Core.Users;

/// <summary>
/// What happened to one user. Failures are values, not exceptions, so none is ever lost.
/// <see cref="Throttled"/>: some attempt met 429/503 (even if a retry then succeeded).
/// </summary>
public sealed record UserFetchOutcome(
    int UserId,
    bool Succeeded,
    int Attempts,
    int? StatusCode,
    string? Reason,
    string? UserJson,
    bool Throttled = false)
{
    /// <summary>
    /// The API refused us as a client (403), not this user: a ban. Such a user is not a failure: the run pauses and tries it again.
    /// </summary>
    public bool Banned { get; init; }

    /// <summary>How long the API asked us to stay away (its Retry-After, as a delay or a date), when a banned answer said.</summary>
    public TimeSpan? BanRetryAfter { get; init; }

    public static UserFetchOutcome Success(int userId, int attempts, string userJson) =>
        new(userId, true, attempts, 200, null, userJson);

    public static UserFetchOutcome Failure(int userId, int attempts, int? statusCode, string reason) =>
        new(userId, false, attempts, statusCode, reason, null);
}
