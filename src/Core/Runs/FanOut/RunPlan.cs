using System.Text.Json;
using Serverless.Core.Articles;
using Serverless.Core.Options;

namespace Serverless.Core.Runs.FanOut;

/// <summary>
/// A run's orchestration input. The items themselves are in blobs (see <see cref="RunFolder.InputChunk"/>), so this record, and
/// every history event that carries it, stays the same size whether the run has 10 items or 100,000. A run of one small chunk
/// also carries its items (<see cref="Items"/>, at most <see cref="MaxItemsJsonChars"/>): it starts its first batch without
/// waiting for an activity to read them back.
/// Caps are resolved when the run starts and travel with it: replays are deterministic and the manifest records what was used.
/// A user run also carries its API and the settings of its calls (<see cref="UserApi"/>), which every batch is given.
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
    TimeSpan? AskLimiterAgainAfter = null,
    JsonElement? Items = null,
    UserApiSettings? UserApi = null)
{
    /// <summary>Small enough for one storage queue message with the rest of the plan (64 KB), and for a short history.</summary>
    public const int MaxItemsJsonChars = 16 * 1024;

    public int ChunkCount => (ItemCount + ChunkSize - 1) / ChunkSize;

    /// <summary>This plan carrying <paramref name="items"/> when the run is one chunk and their JSON is small; else as it is.</summary>
    public RunPlan CarryingSmall<TItem>(IReadOnlyList<TItem> items)
    {
        if (ChunkCount != 1)
        {
            return this;
        }

        JsonElement json = JsonSerializer.SerializeToElement(items);
        return json.GetRawText().Length <= MaxItemsJsonChars ? this with { Items = json } : this;
    }
}
