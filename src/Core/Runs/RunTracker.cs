using Microsoft.DurableTask;

namespace Serverless.Core.Runs;

/// <summary>
/// A run's bookkeeping inside its orchestrator: counts outcomes, publishes them as the custom status,
/// and at the end describes the run (manifest and summary) from the same counts and the orchestration's clock.
/// </summary>
public sealed class RunTracker
{
    readonly TaskOrchestrationContext context;
    readonly string kind;
    readonly DateTime startedAt;

    public RunTracker(TaskOrchestrationContext context, string kind, int total)
    {
        this.context = context;
        this.kind = kind;
        startedAt = context.CurrentUtcDateTime;
        Total = total;
        Publish(0);
    }

    public int Total { get; }

    public int Succeeded { get; private set; }

    public int Failed { get; private set; }

    public void Record(IEnumerable<bool> succeeded, int inFlight)
    {
        foreach (bool ok in succeeded)
        {
            if (ok) Succeeded++; else Failed++;
        }

        Publish(inFlight);
    }

    public void Record(bool succeeded, int inFlight) => Record([succeeded], inFlight);

    public (RunManifest Manifest, RunSummary Summary) Complete(RunInputDescription input, IReadOnlyDictionary<string, string> caps, RunFiles files)
    {
        DateTime completedAt = context.CurrentUtcDateTime;
        string runId = context.InstanceId;
        return (
            new RunManifest(runId, kind, input, caps, startedAt, completedAt, (completedAt - startedAt).TotalSeconds, Total, Succeeded, Failed, files),
            new RunSummary(runId, kind, Total, Succeeded, Failed, startedAt, completedAt, files));
    }

    void Publish(int inFlight) => context.SetCustomStatus(new RunProgress(kind, Total, Succeeded, Failed, inFlight));
}
