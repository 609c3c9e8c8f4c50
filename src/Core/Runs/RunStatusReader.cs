using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Serverless.Core.Runs;

/// <summary>
/// Reads a run's state from the engine: progress from the custom status, results from the output. An instance that is not a
/// run (<see cref="RunOrchestrators"/>) reads as no run.
/// </summary>
public static class RunStatusReader
{
    public static async Task<RunStatus?> ReadAsync(
        DurableTaskClient client, string runId, TimeProvider time, CancellationToken cancellationToken = default)
    {
        // The engine returns the custom status (our progress) only together with inputs and outputs.
        OrchestrationMetadata? instance = await client.GetInstanceAsync(runId, getInputsAndOutputs: true, cancellationToken);
        if (instance is null || !RunOrchestrators.IsRun(instance.Name))
        {
            return null;
        }

        RunStatus status = From(instance, time);
        return instance.IsRunning && instance.SerializedCustomStatus is not null
            && instance.ReadCustomStatusAs<RunProgress>()?.RunningChunks is { Count: > 0 } chunks
            ? await WithRunningChunksAsync(client, status, chunks, cancellationToken)
            : status;
    }

    /// <summary>A chunked run counts a chunk when it ends; until then the chunk's own progress is added, read now.</summary>
    static async Task<RunStatus> WithRunningChunksAsync(
        DurableTaskClient client, RunStatus status, IReadOnlyList<int> chunks, CancellationToken cancellationToken)
    {
        OrchestrationMetadata?[] running = await Task.WhenAll(chunks.Select(chunk =>
            client.GetInstanceAsync(FanOut.FanOutRun.ChunkId(status.Id, chunk), getInputsAndOutputs: true, cancellationToken)));
        foreach (OrchestrationMetadata chunk in running.OfType<OrchestrationMetadata>())
        {
            // Listed as running when the run's counts were read, so none of its items are in them, even if it has ended since.
            if (chunk.SerializedCustomStatus is not null && chunk.ReadCustomStatusAs<RunProgress>() is { } progress)
            {
                status = status with
                {
                    Succeeded = status.Succeeded + progress.Succeeded,
                    Failed = status.Failed + progress.Failed,
                    InFlight = status.InFlight + progress.InFlight,
                };
            }
        }

        return status;
    }

    public static RunStatus From(OrchestrationMetadata instance, TimeProvider time)
    {
        RunSummary? summary = instance.RuntimeStatus == OrchestrationRuntimeStatus.Completed ? instance.ReadOutputAs<RunSummary>() : null;
        RunProgress? progress = instance.SerializedCustomStatus is null ? null : instance.ReadCustomStatusAs<RunProgress>();
        // A cancelled run completes normally; its status says so. A run past its failure threshold ends Failed, and only its
        // last progress knows where the results it still wrote are.
        string status = (summary?.Outcome ?? progress?.Outcome) == RunOutcome.Cancelled ? RunStatus.Cancelled : instance.RuntimeStatus.ToString();
        bool finished = OrchestrationStates.HasEnded(instance.RuntimeStatus);
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
        failure.ErrorType.EndsWith(nameof(FanOut.RunFailedException), StringComparison.Ordinal)
            ? failure.ErrorMessage : $"{failure.ErrorType}: {failure.ErrorMessage}";
}
