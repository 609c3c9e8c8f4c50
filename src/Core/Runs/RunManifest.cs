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

/// <summary>What the run was asked to do: user ids, or articles (by prefix and/or names).</summary>
public sealed record RunInputDescription(
    int Count,
    IReadOnlyList<int>? UserIds = null,
    string? Prefix = null,
    IReadOnlyList<string>? Articles = null);

/// <summary>A run's files in the results container; <see cref="Terms"/> only for article runs.</summary>
public sealed record RunFiles(string Container, string Manifest, string Succeeded, string Failed, string? Terms = null);
