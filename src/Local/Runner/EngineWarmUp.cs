using System.Diagnostics;
using Serverless.Core.Runs;
using Serverless.Core.Users;

namespace Serverless.Local.Runner;

/// <summary>
/// Before a timed run: one small user-fetch run through the whole path (client start, orchestrator, chunk, activities,
/// HTTP to the user API, result blobs), so that the timed run does not pay for JIT compilation, first connections and
/// the queue pollers' idle back-off. The warm-up's instance is purged afterwards; the simulator's counters are reset.
/// </summary>
public static class EngineWarmUp
{
    /// <summary>Runs <paramref name="users"/> users (ids 1..N) and returns how long it took, start to purge.</summary>
    public static async Task<TimeSpan> RunUsersAsync(RunnerSession session, int users, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        string runId = await session.Storage.RunAsync(
            token => session.Get<UserFetchStarter>().StartAsync(
                session.Client, Enumerable.Range(1, users).ToArray(), RunSettings.Default, cancellationToken: token),
            cancellationToken);
        await RunWatcher.WaitAsync(session.Client, runId, ProgressMode.Quiet, cancellationToken, session.Storage);
        await session.Storage.RunAsync(token => RunInstances.PurgeRunAsync(session.Client, runId, token), cancellationToken);
        session.Simulator?.ResetStats();
        return clock.Elapsed;
    }
}
