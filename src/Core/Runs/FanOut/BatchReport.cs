namespace Serverless.Core.Runs.FanOut;

/// <summary>
/// What a batch activity returns through the history: counts only, whatever the batch holds. <see cref="Throttled"/> counts the
/// items that met a 429 or 503 on the way, which is what the adaptive window reacts to. <see cref="Results"/> is the run's
/// manifest when the batch was the whole run and wrote its results (see <see cref="SoleBatchResults"/>).
/// </summary>
public sealed record BatchReport(int Succeeded, int Failed, int Throttled, RunManifest? Results = null)
{
    public int Done => Succeeded + Failed;
}
