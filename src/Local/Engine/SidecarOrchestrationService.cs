using DurableTask.Core;
using DurableTask.Core.History;
using DurableTask.Core.Query;
using Microsoft.Extensions.Logging;

namespace Serverless.Local.Engine;

/// <summary>
/// Sits between the gRPC sidecar and the storage provider, for two things the sidecar gets wrong on its own:
/// <list type="bullet">
/// <item>It records sub-orchestration starts as its own subclass of <see cref="SubOrchestrationInstanceCreatedEvent"/>,
/// with protobuf maps for tags. The Azure Storage provider writes neither readably (the history row lacks its event
/// type, the queue message names a type it cannot load), so the parent can never be replayed and the child never starts.
/// They are handed over as the plain DurableTask types instead.</item>
/// <item>The in-memory service sizes its dispatchers by the processor count, which on a 2-core machine holds a window
/// of 20 fetches to 2 at a time and stalls 500 ms whenever that is full; it is given the host.json caps.</item>
/// </list>
/// Every work item it hands out is held in <see cref="HeldWorkItems"/>: activities have their locks renewed, and before the
/// provider stops the held work is drained (finished or put back on its queue). It also stops the provider once, and only if it
/// was started (an engine without a worker never starts it). Everything else is forwarded unchanged.
/// </summary>
sealed class SidecarOrchestrationService(
    IOrchestrationService inner, HostJsonCaps? caps, TimeSpan? renewActivitiesEvery, TimeSpan drainWithin, ILogger logger)
    : IOrchestrationService, IOrchestrationServiceClient, IOrchestrationServiceQueryClient, IOrchestrationServicePurgeClient
{
    readonly HeldWorkItems held = new(inner, renewActivitiesEvery, logger);

    IOrchestrationServiceClient Client => (IOrchestrationServiceClient)inner;

    public int MaxConcurrentTaskActivityWorkItems => caps?.MaxConcurrentActivityFunctions ?? inner.MaxConcurrentTaskActivityWorkItems;

    public int MaxConcurrentTaskOrchestrationWorkItems => caps?.MaxConcurrentOrchestratorFunctions ?? inner.MaxConcurrentTaskOrchestrationWorkItems;

    public int TaskOrchestrationDispatcherCount => inner.TaskOrchestrationDispatcherCount;

    public int TaskActivityDispatcherCount => inner.TaskActivityDispatcherCount;

    public BehaviorOnContinueAsNew EventBehaviourForContinueAsNew => inner.EventBehaviourForContinueAsNew;

    readonly Lock gate = new();
    Task? starting;
    Task? stopping;

    public Task StartAsync()
    {
        lock (gate)
        {
            return starting ??= inner.StartAsync();
        }
    }

    public Task StopAsync() => StopAsync(isForced: false);

    /// <summary>
    /// Finishes or puts back the work items this engine holds (see <see cref="HeldWorkItems.DrainAsync"/>), so that no message
    /// it held waits out a visibility timeout once the process has left; the worker must still be connected to finish any. An
    /// engine whose provider never started (no worker: a client-only engine) holds nothing, and its provider cannot be read.
    /// </summary>
    public Task DrainAsync()
    {
        lock (gate)
        {
            return starting is null ? Task.CompletedTask : held.DrainAsync(drainWithin);
        }
    }

    /// <summary>
    /// Stops the provider once, after its start has finished and the held work is drained. The sidecar stops it from a
    /// fire-and-forget callback while the engine stops it too, and the Azure Storage provider throws when stopped twice at once,
    /// or unstarted: the sidecar starts it only when a worker connects, so an engine without a worker never starts it.
    /// </summary>
    public Task StopAsync(bool isForced)
    {
        lock (gate)
        {
            return starting is null ? Task.CompletedTask : stopping ??= StopAfterStartAsync(starting, isForced);
        }
    }

    async Task StopAfterStartAsync(Task start, bool isForced)
    {
        try
        {
            await start;
        }
        catch (Exception)
        {
            // A failed start is stopped all the same, to release whatever it acquired.
        }

        await held.DrainAsync(drainWithin);
        await inner.StopAsync(isForced);
    }

    public Task CreateAsync() => inner.CreateAsync();

    public Task CreateAsync(bool recreateInstanceStore) => inner.CreateAsync(recreateInstanceStore);

    public Task CreateIfNotExistsAsync() => inner.CreateIfNotExistsAsync();

    public Task DeleteAsync() => inner.DeleteAsync();

    public Task DeleteAsync(bool deleteInstanceStore) => inner.DeleteAsync(deleteInstanceStore);

    public bool IsMaxMessageCountExceeded(int currentMessageCount, OrchestrationRuntimeState runtimeState) =>
        inner.IsMaxMessageCountExceeded(currentMessageCount, runtimeState);

    public int GetDelayInSecondsAfterOnProcessException(Exception exception) => inner.GetDelayInSecondsAfterOnProcessException(exception);

    public int GetDelayInSecondsAfterOnFetchException(Exception exception) => inner.GetDelayInSecondsAfterOnFetchException(exception);

    public Task<TaskOrchestrationWorkItem> LockNextTaskOrchestrationWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken) =>
        held.LockNextOrchestrationAsync(receiveTimeout, cancellationToken)!;

    public Task RenewTaskOrchestrationWorkItemLockAsync(TaskOrchestrationWorkItem workItem) =>
        inner.RenewTaskOrchestrationWorkItemLockAsync(workItem);

    public Task CompleteTaskOrchestrationWorkItemAsync(
        TaskOrchestrationWorkItem workItem,
        OrchestrationRuntimeState newOrchestrationRuntimeState,
        IList<TaskMessage> outboundMessages,
        IList<TaskMessage> orchestratorMessages,
        IList<TaskMessage> timerMessages,
        TaskMessage continuedAsNewMessage,
        OrchestrationState orchestrationState)
    {
        Normalize(newOrchestrationRuntimeState.Events);
        Normalize(newOrchestrationRuntimeState.NewEvents);
        foreach (TaskMessage message in orchestratorMessages)
        {
            if (message.Event is ExecutionStartedEvent started && started.Tags is { } tags && tags.GetType() != typeof(Dictionary<string, string>))
            {
                started.Tags = new Dictionary<string, string>(tags);
            }
        }

        return held.EndOrchestrationAsync(workItem, () => inner.CompleteTaskOrchestrationWorkItemAsync(
            workItem,
            newOrchestrationRuntimeState,
            outboundMessages,
            orchestratorMessages,
            timerMessages,
            continuedAsNewMessage,
            orchestrationState));
    }

    static void Normalize(IList<HistoryEvent> events)
    {
        for (int i = 0; i < events.Count; i++)
        {
            if (events[i] is SubOrchestrationInstanceCreatedEvent created && created.GetType() != typeof(SubOrchestrationInstanceCreatedEvent))
            {
                events[i] = new SubOrchestrationInstanceCreatedEvent(created.EventId)
                {
                    Name = created.Name,
                    Version = created.Version,
                    InstanceId = created.InstanceId,
                    Input = created.Input,
                    Timestamp = created.Timestamp,
                    IsPlayed = created.IsPlayed,
                    ClientSpanId = created.ClientSpanId,
                    Tags = created.Tags is null ? null : new Dictionary<string, string>(created.Tags),
                };
            }
        }
    }

    public Task AbandonTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem) =>
        held.EndOrchestrationAsync(workItem, () => inner.AbandonTaskOrchestrationWorkItemAsync(workItem));

    public Task ReleaseTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem) =>
        held.ReleasesOrchestration(workItem) ? inner.ReleaseTaskOrchestrationWorkItemAsync(workItem) : Task.CompletedTask;

    public Task<TaskActivityWorkItem> LockNextTaskActivityWorkItem(TimeSpan receiveTimeout, CancellationToken cancellationToken) =>
        held.LockNextActivityAsync(receiveTimeout, cancellationToken)!;

    public Task<TaskActivityWorkItem> RenewTaskActivityWorkItemLockAsync(TaskActivityWorkItem workItem) =>
        inner.RenewTaskActivityWorkItemLockAsync(workItem);

    public Task CompleteTaskActivityWorkItemAsync(TaskActivityWorkItem workItem, TaskMessage responseMessage) =>
        held.EndActivityAsync(workItem, () => inner.CompleteTaskActivityWorkItemAsync(workItem, responseMessage));

    public Task AbandonTaskActivityWorkItemAsync(TaskActivityWorkItem workItem) =>
        held.EndActivityAsync(workItem, () => inner.AbandonTaskActivityWorkItemAsync(workItem));

    public Task CreateTaskOrchestrationAsync(TaskMessage creationMessage) => Client.CreateTaskOrchestrationAsync(creationMessage);

    public Task CreateTaskOrchestrationAsync(TaskMessage creationMessage, OrchestrationStatus[] dedupeStatuses) =>
        Client.CreateTaskOrchestrationAsync(creationMessage, dedupeStatuses);

    public Task SendTaskOrchestrationMessageAsync(TaskMessage message) => Client.SendTaskOrchestrationMessageAsync(message);

    public Task SendTaskOrchestrationMessageBatchAsync(params TaskMessage[] messages) => Client.SendTaskOrchestrationMessageBatchAsync(messages);

    public Task<OrchestrationState> WaitForOrchestrationAsync(
        string instanceId, string executionId, TimeSpan timeout, CancellationToken cancellationToken) =>
        Client.WaitForOrchestrationAsync(instanceId, executionId, timeout, cancellationToken);

    public Task ForceTerminateTaskOrchestrationAsync(string instanceId, string reason) =>
        Client.ForceTerminateTaskOrchestrationAsync(instanceId, reason);

    public Task<IList<OrchestrationState>> GetOrchestrationStateAsync(string instanceId, bool allExecutions) =>
        Client.GetOrchestrationStateAsync(instanceId, allExecutions);

    public Task<OrchestrationState> GetOrchestrationStateAsync(string instanceId, string executionId) =>
        Client.GetOrchestrationStateAsync(instanceId, executionId);

    public Task<string> GetOrchestrationHistoryAsync(string instanceId, string executionId) =>
        Client.GetOrchestrationHistoryAsync(instanceId, executionId);

    public Task PurgeOrchestrationHistoryAsync(DateTime thresholdDateTimeUtc, OrchestrationStateTimeRangeFilterType timeRangeFilterType) =>
        Client.PurgeOrchestrationHistoryAsync(thresholdDateTimeUtc, timeRangeFilterType);

    public Task<OrchestrationQueryResult> GetOrchestrationWithQueryAsync(OrchestrationQuery query, CancellationToken cancellationToken) =>
        inner is IOrchestrationServiceQueryClient q
            ? q.GetOrchestrationWithQueryAsync(query, cancellationToken)
            : throw new NotSupportedException("This engine cannot query instances.");

    public Task<PurgeResult> PurgeInstanceStateAsync(string instanceId) =>
        inner is IOrchestrationServicePurgeClient p
            ? p.PurgeInstanceStateAsync(instanceId)
            : throw new NotSupportedException("This engine cannot purge instances.");

    public Task<PurgeResult> PurgeInstanceStateAsync(PurgeInstanceFilter purgeInstanceFilter) =>
        inner is IOrchestrationServicePurgeClient p
            ? p.PurgeInstanceStateAsync(purgeInstanceFilter)
            : throw new NotSupportedException("This engine cannot purge instances.");
}
