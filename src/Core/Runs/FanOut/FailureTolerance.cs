namespace Serverless.Core.Runs.FanOut;

/// <summary>
/// How many failed items a run tolerates before it stops scheduling work and ends Failed, as Step Functions'
/// ToleratedFailureCount / ToleratedFailurePercentage: past either one the run fails. Neither set = failures never stop a run.
/// </summary>
public sealed record FailureTolerance(int? Count = null, double? Percent = null)
{
    public static readonly FailureTolerance None = new();

    /// <summary>
    /// The most failures a run of <paramref name="total"/> items may have and still succeed; <see cref="int.MaxValue"/> when unlimited.
    /// </summary>
    public int AllowedFailures(int total)
    {
        long allowed = int.MaxValue;
        if (Count is { } count)
        {
            allowed = Math.Min(allowed, count);
        }

        if (Percent is { } percent)
        {
            allowed = Math.Min(allowed, (long)Math.Floor(total * percent / 100.0));
        }

        return (int)allowed;
    }

    public string Describe() => (Count, Percent) switch
    {
        ({ } c, { } p) => $"{c} failure(s) or {p}% of items",
        ({ } c, null) => $"{c} failure(s)",
        (null, { } p) => $"{p}% of items",
        _ => "unlimited",
    };
}
