namespace Serverless.Local.Engine;

/// <summary>
/// How long a control-queue message the runner's engine has read stays hidden: at most <see cref="Ceiling"/>, however long
/// host.json's <c>controlQueueVisibilityTimeout</c>. The provider's own shutdown can cancel a control-queue read mid-flight, and
/// the message that read took is seen again only when this timeout lapses; every other run on the task hub waits for it. The
/// Functions host refuses less than a minute, but the runner's episodes take milliseconds, so a short timeout costs nothing: a
/// message that reappears while its episode still holds it is recognised by the provider (same queue message) and replaces the
/// held copy, and only the lease owner of a partition reads its control queue.
/// The environment's override of the setting (<see cref="HostJsonStorage.EnvPrefix"/>) still wins.
/// </summary>
public static class RunnerControlQueue
{
    public static readonly TimeSpan Ceiling = TimeSpan.FromSeconds(10);

    public static HostJsonStorage Apply(HostJsonStorage storage, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        bool setByEnvironment = environment(HostJsonStorage.EnvPrefix + HostJsonStorage.ControlQueueVisibilityKey) is not null;
        return setByEnvironment || storage.ControlQueueVisibilityTimeout <= Ceiling
            ? storage
            : storage with { ControlQueueVisibilityTimeout = Ceiling };
    }
}
