namespace Serverless.Core.Runs;

/// <summary>The layout of one run's folder in the results container.</summary>
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

    public static string ManifestOf(string runId) => $"{runId}/manifest.json";
}
