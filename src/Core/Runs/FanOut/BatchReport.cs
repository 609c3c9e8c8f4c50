namespace Serverless.Core.Runs.FanOut;

/// <summary>
/// What a batch activity returns through the history: counts only, whatever the batch holds. <see cref="Throttled"/> counts the
/// items that met a 429 or 503 on the way, which is what the adaptive window reacts to.
/// </summary>
public sealed record BatchReport(int Succeeded, int Failed, int Throttled)
{
    public int Done => Succeeded + Failed;
}
