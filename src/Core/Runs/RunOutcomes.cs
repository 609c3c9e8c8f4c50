namespace Serverless.Core.Runs;

/// <summary>How a finished run ended, as its manifest and status say it.</summary>
public static class RunOutcomes
{
    public const string Completed = "completed";

    /// <summary>Stopped by its failure threshold; the orchestration itself ends Failed with the reason.</summary>
    public const string Failed = "failed";

    public const string Cancelled = "cancelled";
}
