namespace Serverless.Core.Runs;

/// <summary>The orchestration's output: counts and where the results are, small whatever the run size.</summary>
public sealed record RunSummary(
    string RunId,
    string Kind,
    int Total,
    int Succeeded,
    int Failed,
    DateTime StartedAt,
    DateTime CompletedAt,
    RunFiles Files);
