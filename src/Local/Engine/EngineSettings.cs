namespace Serverless.Local.Engine;

public sealed record EngineSettings
{
    public EngineKind Kind { get; init; } = EngineKind.AzureStorage;

    public string StorageConnectionString { get; init; } = "UseDevelopmentStorage=true";

    /// <summary>Letters and digits, 3–45 characters, starting with a letter (the provider names queues and tables after it).</summary>
    public string TaskHubName { get; init; } = "ServerlessLocal";

    public HostJsonCaps Caps { get; init; } = HostJsonCaps.Defaults;

    /// <summary>
    /// Whether to connect a Durable Task worker. The sidecar dispatches orchestration and activity work only to a
    /// connected worker, so without one the engine is a client only: it can query and purge instances but runs no
    /// pending work (what <c>runs list/show/purge</c> need; <c>runs wait</c> and the run commands need the worker).
    /// </summary>
    public bool RunWorker { get; init; } = true;

    /// <summary>
    /// How long a dequeued activity message stays hidden. The gRPC sidecar never renews it, so it must exceed the
    /// longest activity; it is also how long a killed runner's in-flight activities wait before another process runs them.
    /// </summary>
    public TimeSpan WorkItemVisibilityTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Same for orchestration messages, whose episodes take milliseconds; short so a restarted runner resumes soon.</summary>
    public TimeSpan ControlQueueVisibilityTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Longest pause between polls of an idle queue. The provider's default (30 s) suits a billed cloud account;
    /// locally every pause is latency added to each fan-out wave.
    /// </summary>
    public TimeSpan MaxQueuePollingInterval { get; init; } = TimeSpan.FromMilliseconds(200);
}
