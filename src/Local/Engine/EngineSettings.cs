namespace Serverless.Local.Engine;

public sealed record EngineSettings
{
    public EngineKind Kind { get; init; } = EngineKind.AzureStorage;

    public string StorageConnectionString { get; init; } = "UseDevelopmentStorage=true";

    /// <summary>
    /// The runner's task hub when none is named. Not the Functions host's (local.settings.json): a host on the runner's hub
    /// would replay the leftover messages of the runner's purged runs (the demo's warm-up) as warnings.
    /// </summary>
    public const string DefaultTaskHubName = "ServerlessLocal";

    /// <summary>Letters and digits, 3–45 characters, starting with a letter (the provider names queues and tables after it).</summary>
    public string TaskHubName { get; init; } = DefaultTaskHubName;

    public HostJsonCaps Caps { get; init; } = HostJsonCaps.Defaults;

    /// <summary>
    /// Whether to connect a Durable Task worker. The sidecar dispatches orchestration and activity work only to a
    /// connected worker, so without one the engine is a client only: it can query and purge instances but runs no
    /// pending work (what <c>runs list/show/purge</c> need; <c>runs wait</c> and the run commands need the worker).
    /// </summary>
    public bool RunWorker { get; init; } = true;

    /// <summary>
    /// The queue settings from host.json. The engine renews an activity's message every third of the work-item visibility
    /// timeout while it runs (the gRPC sidecar does not); the timeout is how long a killed runner's in-flight work waits before
    /// another process runs it.
    /// </summary>
    public HostJsonStorage Storage { get; init; } = HostJsonStorage.ProviderDefaults;

    /// <summary>
    /// How long a stopping engine lets the worker finish the activities it holds before it puts them back on the queue for
    /// another process (see <see cref="DurableEngine.DisposeAsync"/>): a user batch takes seconds.
    /// </summary>
    public TimeSpan DrainWithin { get; init; } = TimeSpan.FromSeconds(4);
}
