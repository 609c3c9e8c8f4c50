namespace Serverless.Core.Runs;

/// <summary>
/// The orchestration's custom status: set by the orchestrator itself as work completes, so progress readers (status API, runner,
/// status page) never have to guess. When the run has ended it also carries how (<see cref="Outcome"/>), why, and where its
/// files are, which a Failed orchestration has no output to tell. A chunked run counts its chunks as they end and names the
/// running ones (<see cref="RunningChunks"/>), which publish their own progress as their batches finish.
/// </summary>
public sealed record RunProgress(
    string Kind,
    int Total,
    int Succeeded,
    int Failed,
    int InFlight,
    RunOutcome? Outcome = null,
    string? Reason = null,
    RunFiles? Files = null,
    IReadOnlyList<int>? RunningChunks = null)
{
    public int Done => Succeeded + Failed;
}
