namespace Serverless.Core.Runs;

/// <summary>
/// Written last in a run folder: its presence means every other file of the run is complete. <see cref="Status"/> says how the
/// run ended (<see cref="RunOutcome"/>); <see cref="Failed"/> counts every line of failed.ndjson, including the
/// <see cref="NotAttempted"/> items a stopped run never got to, so Total = Succeeded + Failed.
/// </summary>
public sealed record RunManifest(
    string RunId,
    string Kind,
    RunOutcome Status,
    string? Reason,
    RunInputDescription Input,
    IReadOnlyDictionary<string, string> Caps,
    DateTime StartedAt,
    DateTime CompletedAt,
    double DurationSeconds,
    int Total,
    int Succeeded,
    int Failed,
    int NotAttempted,
    RunFiles Files);

/// <summary>
/// What the run was asked to do: how many items, where they are listed, and where they came from (a prefix, or the run it redrives).
/// </summary>
public sealed record RunInputDescription(int Count, string Items, string? Prefix = null, string? RedriveOf = null);

/// <summary>A run's files in the results container; <see cref="Terms"/> only for article runs.</summary>
public sealed record RunFiles(string Container, string Manifest, string Succeeded, string Failed, string? Terms = null);
