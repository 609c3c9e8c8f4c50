using Microsoft.Extensions.Options;
using Serverless.Core.Options;

namespace Serverless.Core.Articles;

/// <summary>
/// The per-instance CPU cap: at most <see cref="ArticleOptions.MaxWorkers"/> analyses at once in this process,
/// each on a dedicated thread, so CPU-bound work never occupies the thread pool that I/O (user fetches, the
/// engine's gRPC stream) needs to make progress.
/// </summary>
public sealed class AnalysisGate(IOptions<ArticleOptions> options) : IDisposable
{
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

            return await Task.Factory.StartNew(work, cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
        finally
        {
            Interlocked.Decrement(ref running);
            slots.Release();
        }
    }

    public void Dispose() => slots.Dispose();
}
