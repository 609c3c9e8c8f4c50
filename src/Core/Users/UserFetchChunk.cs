namespace Serverless.Core.Users;

/// <summary>Input of one chunk of a large user-fetch run: its ids and its share of the run's cap.</summary>
public sealed record UserFetchChunk(string RunId, IReadOnlyList<int> UserIds, int Window);
