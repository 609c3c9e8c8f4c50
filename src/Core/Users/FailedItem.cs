namespace Serverless.Core.Users;

/// <summary>One line of a run's failed.ndjson.</summary>
public sealed record FailedItem(int UserId, string Reason, int Attempts, int? StatusCode);
