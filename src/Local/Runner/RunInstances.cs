using System.Text.Json;
using Microsoft.DurableTask.Client;
using Serverless.Core.Runs;

namespace Serverless.Local.Runner;

/// <summary>One orchestration instance of the task hub as <c>runs list</c> shows it: a run or one of its chunks.</summary>
public sealed record RunRow(
    string Id,
    string Name,
    string Status,
    bool IsChunk,
    string? Kind,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastUpdatedAt,
    double DurationSeconds,
    int? Total,
    int? Succeeded,
    int? Failed,
    int? InFlight);

/// <summary>Reads and purges the task hub's instances through the Durable Task client.</summary>
public static class RunInstances
{
    /// <summary>
    /// What a chunk sub-orchestration's id contains (<c>{runId}-chunk-NNNNN</c>, see
    /// <see cref="Serverless.Core.Runs.FanOut.FanOutRun.ChunkId"/>).
    /// </summary>
    public const string ChunkMarker = "-chunk-";

    public static bool IsChunk(string instanceId) => instanceId.Contains(ChunkMarker, StringComparison.Ordinal);

    /// <summary>Instances that serve runs rather than being runs: chunk sub-orchestrations and the long-lived API limiters.</summary>
    public static bool IsRunPart(string instanceId) => IsChunk(instanceId) || instanceId.StartsWith("api-limiter-", StringComparison.Ordinal);

    /// <summary>Newest first. The engine returns the custom status (the progress counts) only with inputs and outputs.</summary>
    public static async Task<List<OrchestrationMetadata>> QueryAsync(
        DurableTaskClient client, IReadOnlyCollection<OrchestrationRuntimeStatus>? statuses, string? idPrefix, CancellationToken cancellationToken)
    {
        var query = new OrchestrationQuery
        {
            FetchInputsAndOutputs = true,
            InstanceIdPrefix = idPrefix,
            Statuses = statuses is { Count: > 0 } ? statuses : null,
            PageSize = 100,
        };

        var instances = new List<OrchestrationMetadata>();
        await foreach (OrchestrationMetadata instance in client.GetAllInstancesAsync(query).WithCancellation(cancellationToken))
        {
            // Filtered here as well, in case a provider ignores part of the query.
            if ((statuses is not { Count: > 0 } || statuses.Contains(instance.RuntimeStatus))
                && (idPrefix is null || instance.InstanceId.StartsWith(idPrefix, StringComparison.Ordinal)))
            {
                instances.Add(instance);
            }
        }

        return instances.OrderByDescending(i => i.CreatedAt).ThenBy(i => i.InstanceId, StringComparer.Ordinal).ToList();
    }

    public static RunRow ToRow(OrchestrationMetadata instance, TimeProvider time)
    {
        bool chunk = IsChunk(instance.InstanceId);
        RunStatus? status = chunk ? null : TryReadStatus(instance, time);
        RunProgress? progress = status is null ? TryReadProgress(instance) : null;
        bool finished = OrchestrationStates.HasEnded(instance.RuntimeStatus);
        DateTimeOffset end = finished ? instance.LastUpdatedAt : time.GetUtcNow();
        return new RunRow(
            instance.InstanceId,
            instance.Name,
            instance.RuntimeStatus.ToString(),
            chunk,
            status?.Kind ?? progress?.Kind,
            instance.CreatedAt,
            instance.LastUpdatedAt,
            status?.ElapsedSeconds ?? Math.Max(0, (end - instance.CreatedAt).TotalSeconds),
            status?.Total ?? progress?.Total,
            status?.Succeeded ?? progress?.Succeeded,
            status?.Failed ?? progress?.Failed,
            status?.InFlight ?? (finished ? 0 : progress?.InFlight));
    }

    /// <summary>A run's status as the status API reports it; null for an instance whose output or custom status is not a run's.</summary>
    public static RunStatus? TryReadStatus(OrchestrationMetadata instance, TimeProvider time)
    {
        try
        {
            return RunStatusReader.From(instance, time);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    static RunProgress? TryReadProgress(OrchestrationMetadata instance)
    {
        try
        {
            return instance.SerializedCustomStatus is null ? null : instance.ReadCustomStatusAs<RunProgress>();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// The number of history events, or why it is unknown: reading history is optional for a client
    /// (<see cref="NotSupportedException"/>) and the provider behind the sidecar may not implement it.
    /// </summary>
    public static async Task<(int? Events, string? Unavailable)> HistorySizeAsync(
        DurableTaskClient client, string instanceId, CancellationToken cancellationToken)
    {
        try
        {
            IList<DurableTask.Core.History.HistoryEvent> history = await client.GetOrchestrationHistoryAsync(instanceId, cancellationToken);
            // Every instance that exists has at least its ExecutionStarted event: an empty answer means "not served".
            return history.Count > 0
                ? (history.Count, null)
                : (
                    null,
                    "the engine returned no history events for it (the in-process gRPC sidecar does not read history from the provider for clients)");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return (null, $"the engine did not return the history ({e.GetType().Name}: {FirstLine(e.Message)})");
        }
    }

    /// <summary>Purges a run and its chunk sub-orchestrations; returns how many instances were purged.</summary>
    public static async Task<int> PurgeRunAsync(DurableTaskClient client, string runId, CancellationToken cancellationToken)
    {
        int purged = 0;
        foreach (OrchestrationMetadata chunk in await QueryAsync(client, statuses: null, runId + ChunkMarker, cancellationToken))
        {
            purged += (await client.PurgeInstanceAsync(chunk.InstanceId, cancellationToken)).PurgedInstanceCount;
        }

        purged += (await client.PurgeInstanceAsync(runId, cancellationToken)).PurgedInstanceCount;
        return purged;
    }

    /// <summary>
    /// Purges every finished instance created before <paramref name="createdBefore"/> (or at all), then the chunks
    /// whose run is gone (a chunk starts after its run, so a cutoff can fall between them).
    /// Unfinished instances are kept: purging the history of a run in progress would corrupt it.
    /// </summary>
    public static async Task<int> PurgeFinishedAsync(DurableTaskClient client, DateTimeOffset? createdBefore, CancellationToken cancellationToken)
    {
        // Not DateTimeOffset.MinValue: table storage cannot filter on dates before 1601.
        var filter = new PurgeInstancesFilter(CreatedFrom: DateTimeOffset.UnixEpoch, CreatedTo: createdBefore, Statuses: OrchestrationStates.Ended);
        int purged = (await client.PurgeAllInstancesAsync(filter, cancellationToken)).PurgedInstanceCount;

        var runs = new Dictionary<string, bool>(StringComparer.Ordinal);
        List<OrchestrationMetadata> ended = await QueryAsync(client, [.. OrchestrationStates.Ended], idPrefix: null, cancellationToken);
        foreach (OrchestrationMetadata chunk in ended.Where(i => IsChunk(i.InstanceId)))
        {
            string runId = chunk.InstanceId[..chunk.InstanceId.IndexOf(ChunkMarker, StringComparison.Ordinal)];
            if (!runs.TryGetValue(runId, out bool exists))
            {
                runs[runId] = exists = await client.GetInstanceAsync(runId, getInputsAndOutputs: false, cancellationToken) is not null;
            }

            if (!exists)
            {
                purged += (await client.PurgeInstanceAsync(chunk.InstanceId, cancellationToken)).PurgedInstanceCount;
            }
        }

        return purged;
    }

    static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();
}
