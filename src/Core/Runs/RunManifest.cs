namespace Serverless.Core.Runs;

/// <summary>Written last in a run folder: its presence means every other file of the run is complete.</summary>
public sealed record RunManifest(
    string RunId,
    string Kind,
    RunInputDescription Input,
    IReadOnlyDictionary<string, string> Caps,
    DateTime StartedAt,
    DateTime CompletedAt,
    double DurationSeconds,
    int Total,
    int Succeeded,
    int Failed,
    RunFiles Files);

public sealed record RunInputDescription(int Count, IReadOnlyList<int> UserIds);

public sealed record RunFiles(string Container, string Manifest, string Succeeded, string Failed);
