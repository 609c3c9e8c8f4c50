namespace Serverless.Core.Users;

/// <summary>
/// Orchestration input. Caps are resolved from configuration when the run starts and travel with it,
/// so replays are deterministic and the manifest records what was actually used.
/// </summary>
public sealed record UserFetchRunInput(
    IReadOnlyList<int> UserIds,
    int MaxConcurrency,
    string ApiBaseUrl,
    string ResultsContainer,
    int ChunkSize);
