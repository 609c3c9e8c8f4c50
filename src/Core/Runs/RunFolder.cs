namespace Serverless.Core.Runs;

/// <summary>
/// The layout of one run's folder in the results container: the result files and manifest at the top, the run's input items
/// (<c>input/</c>, one blob per chunk) and the batches' outcomes (<c>parts/</c>, one blob per batch) underneath.
/// </summary>
public static class RunFolder
{
    public static RunFiles ForUsers(string container, string runId) => new(
        container,
        Manifest: $"{runId}/manifest.json",
        Succeeded: $"{runId}/users.ndjson",
        Failed: $"{runId}/failed.ndjson");

    public static RunFiles ForArticles(string container, string runId) => new(
        container,
        Manifest: $"{runId}/manifest.json",
        Succeeded: $"{runId}/articles.ndjson",
        Failed: $"{runId}/failed.ndjson",
        Terms: $"{runId}/terms.json");

    public static RunFiles For(string kind, string container, string runId) =>
        kind == RunKinds.Articles ? ForArticles(container, runId) : ForUsers(container, runId);

    public static string ManifestOf(string runId) => $"{runId}/manifest.json";

    /// <summary>Written by a cancel for the run's batch activities to see (<see cref="Storage.RunCancelFlag"/>).</summary>
    public static string CancelFlagOf(string runId) => $"{runId}/cancel-requested";

    public static string InputPrefix(string runId) => $"{runId}/input/";

    public static string InputChunk(string runId, int chunk) => $"{InputPrefix(runId)}chunk-{chunk:D5}.json";

    public static string PartsPrefix(string runId) => $"{runId}/parts/";

    /// <summary>Zero-padded, so listing the parts in name order is chunk order, then batch order.</summary>
    public static string Part(string runId, int chunk, int batch) => $"{PartsPrefix(runId)}{chunk:D5}-{batch:D5}.ndjson";
}
