namespace Serverless.Core.Runs;

/// <summary>
/// The answer to a cancel or redrive request: the run it concerns (the new run, for a redrive) and its item count, or the HTTP
/// status and message that explain why nothing happened.
/// </summary>
public sealed record RunControlResult(string? RunId, int Count, int? ErrorStatus, string? Error)
{
    public static RunControlResult Done(string runId, int count) => new(runId, count, null, null);

    public static RunControlResult NotFound(string message) => new(null, 0, 404, message);

    public static RunControlResult Conflict(string message) => new(null, 0, 409, message);
}
