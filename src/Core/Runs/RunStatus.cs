namespace Serverless.Core.Runs;

/// <summary>What <c>GET /api/runs/{id}</c> answers.</summary>
public sealed record RunStatus(
    string Id,
    string? Kind,
    string Status,
    int Total,
    int Succeeded,
    int Failed,
    int InFlight,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastUpdatedAt,
    double ElapsedSeconds,
    RunFiles? Results,
    string? Error)
{
    public bool IsFinished => Status is "Completed" or "Failed" or "Terminated" or "Cancelled";
}
