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
    RunFiles Files,
    RunOutcome Outcome = RunOutcome.Completed,
    string? Reason = null)
{
    public static RunSummary From(RunManifest manifest) => new(
        manifest.RunId,
        manifest.Kind,
        manifest.Total,
        manifest.Succeeded,
        manifest.Failed,
        manifest.StartedAt,
        manifest.CompletedAt,
        manifest.Files,
        manifest.Status,
        manifest.Reason);
}
