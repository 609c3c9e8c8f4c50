namespace Serverless.Core.Runs.FanOut;

/// <summary>
/// What a batch activity returns through the history: counts only, whatever the batch holds. <see cref="Throttled"/> counts the
/// items that met a 429 or 503 on the way, which is what the adaptive window reacts to. <see cref="Results"/> is the run's
/// manifest when the batch was the whole run and wrote its results (see <see cref="SoleBatchResults"/>). <see cref="Ban"/> is set
/// when the batch met a ban and stopped calling: the counts are of the items it has outcomes for. <see cref="CancelledBecause"/> is
/// set when the batch saw its run cancelled and stopped calling (the reason), so the window stops even before the stop event.
/// </summary>
public sealed record BatchReport(
    int Succeeded, int Failed, int Throttled, RunManifest? Results = null, BatchBan? Ban = null, string? CancelledBecause = null)
{
    public int Done => Succeeded + Failed;
}
