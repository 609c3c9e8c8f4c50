namespace Serverless.Core.Runs.FanOut;

/// <summary>Names of the external events runs, chunks and the API limiter exchange.</summary>
public static class RunEvents
{
    /// <summary>To a run or chunk: stop scheduling, let in-flight work finish. Payload: the <see cref="StopReason"/>.</summary>
    public const string Stop = "Stop";

    /// <summary>To the API limiter: a <see cref="Limits.PermitRequest"/>.</summary>
    public const string PermitRequest = "PermitRequest";

    /// <summary>From the API limiter to a holder: the number of permits granted.</summary>
    public const string PermitsGranted = "PermitsGranted";

    /// <summary>From the API limiter to a holder: a ban holds every run against the API; pause until the payload's time.</summary>
    public const string ApiPaused = "ApiPaused";
}
