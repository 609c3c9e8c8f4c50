namespace Serverless.Local.Engine;

/// <summary>
/// How often the runner's engine polls an idle queue: no more often than every <see cref="Floor"/>, however short host.json's
/// <c>maxQueuePollingInterval</c>. The runner's client and worker share one provider instance, and the provider wakes its own
/// poller whenever it sends a message to a queue it holds, so a run in the runner never waits for a poll: polling only finds
/// what other processes send (another runner on the same task hub, a killed run's messages coming back). The Functions host
/// needs host.json's short interval, since its steps do wait for polls. Each poll of an idle queue (five of them) costs CPU in
/// the runner and in Azurite, on the cores a run uses: about 95 ms a second at 200 ms, 25 ms at 2 s, with 50-user runs as fast.
/// The environment's override of the setting (<see cref="HostJsonStorage.EnvPrefix"/>) still wins.
/// </summary>
public static class RunnerQueuePolling
{
    public static readonly TimeSpan Floor = TimeSpan.FromSeconds(2);

    public static HostJsonStorage Apply(HostJsonStorage storage, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        bool setByEnvironment = environment(HostJsonStorage.EnvPrefix + HostJsonStorage.PollingIntervalKey) is not null;
        return setByEnvironment || storage.MaxQueuePollingInterval >= Floor ? storage : storage with { MaxQueuePollingInterval = Floor };
    }
}
