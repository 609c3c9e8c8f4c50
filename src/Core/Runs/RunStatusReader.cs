using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Serverless.Core.Runs;

/// <summary>Reads a run's state from the engine: progress from the custom status, results from the output.</summary>
public static class RunStatusReader
{
    public static async Task<RunStatus?> ReadAsync(DurableTaskClient client, string runId, TimeProvider time, CancellationToken cancellationToken = default)
    {
        // The engine returns the custom status (our progress) only together with inputs and outputs.
        OrchestrationMetadata? instance = await client.GetInstanceAsync(runId, getInputsAndOutputs: true, cancellationToken);
        return instance is null ? null : From(instance, time);
    }

    public static RunStatus From(OrchestrationMetadata instance, TimeProvider time)
    {
        RunSummary? summary = instance.RuntimeStatus == OrchestrationRuntimeStatus.Completed ? instance.ReadOutputAs<RunSummary>() : null;
        RunProgress? progress = instance.SerializedCustomStatus is null ? null : instance.ReadCustomStatusAs<RunProgress>();
        // A cancelled run completes normally; its status says so. A run past its failure threshold ends Failed, and only its
        // last progress knows where the results it still wrote are.
        string status = (summary?.Outcome ?? progress?.Outcome) == RunOutcomes.Cancelled ? "Cancelled" : instance.RuntimeStatus.ToString();
        bool finished = instance.RuntimeStatus is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated;
        DateTimeOffset end = finished ? instance.LastUpdatedAt : time.GetUtcNow();
        return new RunStatus(
            instance.InstanceId,
            summary?.Kind ?? progress?.Kind,
            status,
            summary?.Total ?? progress?.Total ?? 0,
            summary?.Succeeded ?? progress?.Succeeded ?? 0,
            summary?.Failed ?? progress?.Failed ?? 0,
            finished ? 0 : progress?.InFlight ?? 0,
            instance.CreatedAt,
            instance.LastUpdatedAt,
            Math.Max(0, (end - instance.CreatedAt).TotalSeconds),
            summary?.Files ?? progress?.Files,
            instance.FailureDetails is { } failure ? Describe(failure) : summary?.Reason ?? progress?.Reason);
    }

    /// <summary>A run that stopped at its threshold says why in plain words; anything else keeps the exception type.</summary>
    static string Describe(TaskFailureDetails failure) =>
        failure.ErrorType.EndsWith(nameof(FanOut.RunFailedException), StringComparison.Ordinal) ? failure.ErrorMessage : $"{failure.ErrorType}: {failure.ErrorMessage}";
}
