using Microsoft.DurableTask;

namespace Serverless.Core.Runs;

/// <summary>Counts a run's outcomes in the orchestrator and publishes them as its custom status.</summary>
public sealed class RunProgressTracker
{
    readonly TaskOrchestrationContext context;
    readonly string kind;

    public RunProgressTracker(TaskOrchestrationContext context, string kind, int total)
    {
        this.context = context;
        this.kind = kind;
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

    void Publish(int inFlight) => context.SetCustomStatus(new RunProgress(kind, Total, Succeeded, Failed, inFlight));
}
