using Serverless.Simulator;

namespace Serverless.Local.Runner;

/// <summary>What a command asks of its <see cref="RunnerSession"/> besides the common settings.</summary>
public sealed record RunnerSessionOptions
{
    /// <summary>The command calls the user API: the bundled simulator, so configured, is started unless <c>--api</c> names one.</summary>
    public SimulatorOptions? Simulator { get; init; }

    /// <summary>UserApi:MaxConcurrency for this process, when given.</summary>
    public int? MaxConcurrency { get; init; }

    /// <summary>Further configuration overrides (article workers, batch sizes, …).</summary>
    public Action<IDictionary<string, string?>>? Overrides { get; init; }

    /// <summary>An engine with a client and no worker: it reads and purges the task hub and runs nothing.</summary>
    public static RunnerSessionOptions ClientOnly { get; } = new() { RunWorker = false };

    /// <summary>False for a session that only queries and purges: no worker connects, so no pending work runs.</summary>
    public bool RunWorker { get; init; } = true;
}
