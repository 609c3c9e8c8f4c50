namespace Serverless.Core.Users;

/// <summary>A user the run could not fetch: one line of a user run's failed.ndjson.</summary>
public sealed record FailedUser(int UserId, string Reason, int Attempts, int? StatusCode);
