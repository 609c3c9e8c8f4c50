namespace Serverless.Core.Runs;

/// <summary>
/// The orchestration's custom status: set by the orchestrator itself as work completes, so progress
/// readers (status API, runner, status page) never have to guess.
/// </summary>
public sealed record RunProgress(string Kind, int Total, int Succeeded, int Failed, int InFlight)
{
    public int Done => Succeeded + Failed;
}
