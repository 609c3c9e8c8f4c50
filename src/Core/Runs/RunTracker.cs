using Microsoft.DurableTask;
using Serverless.Core.Runs.FanOut;

namespace Serverless.Core.Runs;

/// <summary>
/// A run's bookkeeping inside its orchestrator: counts outcomes, publishes them as the custom status, and at the end drafts the
/// manifest from the plan and the orchestration's clock (the results writer fills in the counts it finds).
/// </summary>
public sealed class RunTracker
{
    /// <summary>The manifest's cap that records items per activity; a redrive reads it back to batch the same way.</summary>
    public const string BatchSizeCap = "BatchSize";

    readonly TaskOrchestrationContext context;
    readonly string kind;
    readonly DateTime startedAt;

    public RunTracker(TaskOrchestrationContext context, string kind, int total)
    {
        this.context = context;
        this.kind = kind;
        startedAt = context.CurrentUtcDateTime;
        Total = total;
        Publish(new RunProgress(kind, total, 0, 0, 0));
    }

    public int Total { get; }

    public int Succeeded { get; private set; }

    public int Failed { get; private set; }

    /// <summary>Publishes the run's counts so far; <paramref name="inFlight"/> counts items, not permits.</summary>
    public void Show(int succeeded, int failed, int inFlight, IReadOnlyList<int>? runningChunks = null)
    {
        (Succeeded, Failed) = (succeeded, failed);
        Publish(new RunProgress(kind, Total, succeeded, failed, inFlight, RunningChunks: runningChunks));
    }

    public RunManifest Draft(RunPlan plan, RunOutcome outcome, string? reason)
    {
        DateTime completedAt = context.CurrentUtcDateTime;
        string runId = context.InstanceId;
        var caps = new Dictionary<string, string>(plan.Caps)
        {
            [BatchSizeCap] = plan.BatchSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ToleratedFailures"] = plan.Tolerance.Describe(),
            ["AdaptiveConcurrency"] = plan.Adaptive ? "on" : "off",
            ["SharedApiLimit"] = plan.LimiterId ?? "off",
        };
        return new RunManifest(
            runId,
            kind,
            outcome,
            reason,
            new RunInputDescription(plan.ItemCount, RunFolder.InputPrefix(runId), plan.Prefix, plan.RedriveOf),
            caps,
            startedAt,
            completedAt,
            (completedAt - startedAt).TotalSeconds,
            Total,
            Succeeded,
            Failed,
            0,
            RunFolder.For(kind, plan.ResultsContainer, runId));
    }

    public void Finish(RunManifest manifest) => Publish(new RunProgress(
        kind, manifest.Total, manifest.Succeeded, manifest.Failed, 0, manifest.Status, manifest.Reason, manifest.Files));

    void Publish(RunProgress progress) => context.SetCustomStatus(progress);
}
