using Serverless.Core.Runs;

namespace Serverless.Local.Runner;

/// <summary>One progress report of a run, as every output mode shows it.</summary>
/// <param name="Rate">Items done per second since the run was created (0 until something is done).</param>
/// <param name="Eta">Time left at that rate; null while the rate is unknown or the run is finished.</param>
public sealed record ProgressSnapshot(
    string RunId,
    string Status,
    int Total,
    int Succeeded,
    int Failed,
    int InFlight,
    double ElapsedSeconds,
    double Rate,
    TimeSpan? Eta,
    bool IsFinished)
{
    public int Done => Succeeded + Failed;

    public static ProgressSnapshot From(RunStatus status)
    {
        int done = status.Succeeded + status.Failed;
        double rate = status.ElapsedSeconds > 0 ? done / status.ElapsedSeconds : 0;
        TimeSpan? eta = status.IsFinished || rate <= 0 || done >= status.Total
            ? null
            : TimeSpan.FromSeconds(Math.Ceiling(Math.Min((status.Total - done) / rate, TimeSpan.MaxValue.TotalSeconds / 2)));
        return new ProgressSnapshot(
            status.Id,
            status.Status,
            status.Total,
            status.Succeeded,
            status.Failed,
            status.InFlight,
            status.ElapsedSeconds,
            rate,
            eta,
            status.IsFinished);
    }
}

/// <summary>
/// Turns polled run states into reports whose done count never goes down and never exceeds the total:
/// a read that would (a stale replica, a custom status not yet written) is held back, never shown.
/// </summary>
public sealed class ProgressTracker
{
    int lastDone = -1;
    string? lastStatus;

    /// <summary>The report for <paramref name="status"/>, or null when it is not fit to show.</summary>
    public ProgressSnapshot? Accept(RunStatus status)
    {
        ProgressSnapshot snapshot = ProgressSnapshot.From(status);
        if (snapshot.Done < lastDone || (snapshot.Done > snapshot.Total && !snapshot.IsFinished))
        {
            return null;
        }

        return snapshot;
    }

    /// <summary>Whether <paramref name="snapshot"/> differs from the last one <see cref="Shown"/>.</summary>
    public bool HasChanged(ProgressSnapshot snapshot) => snapshot.Done != lastDone || snapshot.Status != lastStatus;

    public void Shown(ProgressSnapshot snapshot)
    {
        lastDone = snapshot.Done;
        lastStatus = snapshot.Status;
    }
}
