using Serverless.Core.Runs.FanOut;

namespace Serverless.Core.Runs;

/// <summary>What one run request may set for itself, over the configured defaults: items per activity and tolerated failures.</summary>
public sealed record RunSettings(int? BatchSize = null, int? ToleratedFailureCount = null, double? ToleratedFailurePercent = null)
{
    public static readonly RunSettings Default = new();

    public FailureTolerance Tolerance => new(ToleratedFailureCount, ToleratedFailurePercent);
}
