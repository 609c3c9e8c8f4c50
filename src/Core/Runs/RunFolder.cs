namespace Serverless.Core.Runs;

/// <summary>The layout of one run's folder in the results container.</summary>
public static class RunFolder
{
    public static RunFiles For(string container, string runId) => new(
        container,
        Manifest: $"{runId}/manifest.json",
        Succeeded: $"{runId}/users.ndjson",
        Failed: $"{runId}/failed.ndjson");
}
