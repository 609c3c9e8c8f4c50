using Serverless.Core.Articles;

namespace Serverless.Core.Runs.FanOut;

/// <summary>
/// A run's orchestration input. The items themselves are in blobs (see <see cref="RunFolder.InputChunk"/>), so this record, and
/// every history event that carries it, stays the same size whether the run has 10 items or 100,000.
/// Caps are resolved when the run starts and travel with it: replays are deterministic and the manifest records what was used.
/// </summary>
public sealed record RunPlan(
    string Kind,
    int ItemCount,
    int ChunkSize,
    int BatchSize,
    int MaxConcurrency,
    FailureTolerance Tolerance,
    string ResultsContainer,
    bool Adaptive,
    string? LimiterId,
    string? RedriveOf,
    string? Prefix,
    IReadOnlyDictionary<string, string> Caps,
    ArticleAnalysisSettings? Articles,
    TimeSpan? AskLimiterAgainAfter = null)
{
    public int ChunkCount => (ItemCount + ChunkSize - 1) / ChunkSize;
}
