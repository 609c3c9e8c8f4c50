using System.Globalization;

namespace Serverless.Local.Runner;

/// <summary>
/// Runs a command's storage calls (starting a run, reading its status, reading its results) through storage outages: when a call
/// fails and the storage does not answer, it says so on stderr and tries again until the storage answers or has been unreachable
/// for <see cref="RetryFor"/>, then fails with one line (<see cref="StorageUnreachableException"/>). A failure while the storage
/// answers is the call's own and is passed on. One instance a session: an outage is timed across the calls that meet it.
/// </summary>
public sealed class StorageRetry(StorageProbe probe, TimeSpan retryFor, TextWriter log, TimeProvider time)
{
    static readonly TimeSpan Pause = TimeSpan.FromSeconds(2);

    /// <summary>Failures in a row, with the storage answering, after which the failure is taken as the call's own.</summary>
    const int FailuresWhileReachable = 3;

    readonly Lock gate = new();
    long? outageSince;

    public TimeSpan RetryFor => retryFor;

    public async Task RunAsync(Func<CancellationToken, Task> call, CancellationToken cancellationToken) =>
        await RunAsync<object?>(async token => { await call(token); return null; }, cancellationToken);

    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        int failuresWhileReachable = 0;
        while (true)
        {
            Exception failure;
            try
            {
                T result = await call(cancellationToken);
                Recovered();
                return result;
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested && StorageFailures.MayBeOutage(e))
            {
                failure = e;
            }

            if (await probe.CheckAsync(cancellationToken) is not { } problem)
            {
                Recovered();
                if (++failuresWhileReachable >= FailuresWhileReachable)
                {
                    System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
                }

                await Task.Delay(Pause, time, cancellationToken);
                continue;
            }

            failuresWhileReachable = 0;
            TimeSpan down = Unreachable(problem);
            if (down >= retryFor)
            {
                throw new StorageUnreachableException(
                    string.Create(CultureInfo.InvariantCulture, $"Storage unreachable for {down.TotalSeconds:F0} s ({problem}); gave up."), failure);
            }

            TimeSpan left = retryFor - down;
            await Task.Delay(left < Pause ? left : Pause, time, cancellationToken);
        }
    }

    /// <summary>How long the storage has been unreachable; says so when this is the start of it.</summary>
    TimeSpan Unreachable(string problem)
    {
        lock (gate)
        {
            long now = time.GetTimestamp();
            if (outageSince is null)
            {
                outageSince = now;
                log.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"storage unreachable ({problem}), retrying for up to {retryFor.TotalSeconds:F0} s (--storage-retry-seconds) …"));
            }

            return time.GetElapsedTime(outageSince.Value, now);
        }
    }

    void Recovered()
    {
        lock (gate)
        {
            if (outageSince is { } since)
            {
                log.WriteLine(string.Create(
                    CultureInfo.InvariantCulture, $"storage reachable again after {time.GetElapsedTime(since).TotalSeconds:F0} s; carrying on."));
                outageSince = null;
            }
        }
    }
}
