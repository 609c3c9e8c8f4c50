using Serverless.Local.Engine;

namespace Serverless.Local.Runner;

/// <summary>What every runner command needs to reach the engine and storage, and how it reports.</summary>
public sealed record RunnerSettings(EngineKind Engine, string Storage, string TaskHub, string? ApiBaseUrl, bool Json)
{
    /// <summary>Only the final summary: no start lines, no progress (with <see cref="Json"/>: only the <c>finished</c> object).</summary>
    public bool Quiet { get; init; }

    /// <summary>How long a command waits for unreachable storage to answer again before it gives up (<c>--storage-retry-seconds</c>).</summary>
    public TimeSpan StorageRetryFor { get; init; } = TimeSpan.FromSeconds(60);
}
