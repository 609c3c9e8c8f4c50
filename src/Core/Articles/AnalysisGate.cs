using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Core.Options;

namespace Serverless.Core.Articles;

/// <summary>
/// The per-instance CPU cap: at most <see cref="ArticleOptions.MaxWorkers"/> analyses at once in this process,
/// each on a dedicated thread, so CPU-bound work never occupies the thread pool that I/O (user fetches, the
/// engine's gRPC stream) needs to make progress. Each start and end is logged with the count running, so the cap of
/// every instance of a scaled-out app can be read from that instance's log.
/// </summary>
public sealed class AnalysisGate(IOptions<ArticleOptions> options, ILogger<AnalysisGate>? logger = null) : IDisposable
{
    /// <summary>The start line's text up to the count: "Analysis started: 1 of 2 running in this instance".</summary>
    public const string StartedLog = "Analysis started: ";

    readonly SemaphoreSlim slots = new(options.Value.MaxWorkers, options.Value.MaxWorkers);
    int running;
    int peak;

    public int MaxWorkers { get; } = options.Value.MaxWorkers;

    /// <summary>Most analyses seen running at once since start or <see cref="ResetPeak"/>: the cap, measured.</summary>
    public int Peak => Volatile.Read(ref peak);

    public void ResetPeak() => Interlocked.Exchange(ref peak, Volatile.Read(ref running));

    public async Task<T> RunAsync<T>(Func<T> work, CancellationToken cancellationToken = default)
    {
        await slots.WaitAsync(cancellationToken);
        try
        {
            int now = Interlocked.Increment(ref running);
            for (int seen = Volatile.Read(ref peak); now > seen; seen = Volatile.Read(ref peak))
            {
                Interlocked.CompareExchange(ref peak, now, seen);
            }

            logger?.LogInformation("Analysis started: {Running} of {MaxWorkers} running in this instance", now, MaxWorkers);

            return await Task.Factory.StartNew(work, cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
        finally
        {
            int left = Interlocked.Decrement(ref running);
            logger?.LogInformation("Analysis ended: {Running} of {MaxWorkers} running in this instance", left, MaxWorkers);
            slots.Release();
        }
    }

    public void Dispose() => slots.Dispose();
}
