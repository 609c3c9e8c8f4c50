using Azure;

namespace Serverless.Core.Storage;

/// <summary>
/// One batch activity's view of its run's <see cref="RunCancelFlag"/>: asked before each item, it reads the flag at most once
/// per <see cref="ReadEvery"/>, and every caller in between shares the last read (or waits for the one under way). Once
/// cancelled it stays cancelled and reads no more. A read that fails counts as not cancelled: the run's stop event still stops
/// the scheduling, and a storage hiccup must not fail a batch whose calls are made.
/// </summary>
public sealed class RunCancelWatch(RunCancelFlag flag, string container, string runId, TimeProvider time)
{
    /// <summary>
    /// Twice a second, not once: calls of a few hundred milliseconds start a round each in that time, and a cancel must stop a
    /// batch within a few rounds (the items in flight then finish, and nothing else starts).
    /// </summary>
    public static readonly TimeSpan ReadEvery = TimeSpan.FromMilliseconds(500);

    readonly Lock gate = new();
    Task<string?>? read;
    long readStartedAt;
    string? reason;

    /// <summary>Why the run was cancelled, once a read has found the flag.</summary>
    public string? Reason => Volatile.Read(ref reason);

    /// <summary>The cancel's reason, or null: from a fresh read when the last one is older than <see cref="ReadEvery"/>.</summary>
    public Task<string?> CheckAsync(CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            if (Reason is { } found)
            {
                return Task.FromResult<string?>(found);
            }

            if (read is { IsCompleted: false } || (read is not null && time.GetElapsedTime(readStartedAt) < ReadEvery))
            {
                return read;
            }

            readStartedAt = time.GetTimestamp();
            read = ReadAsync(cancellationToken);
            return read;
        }
    }

    async Task<string?> ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            string? found = await flag.ReadAsync(container, runId, cancellationToken);
            if (found is not null)
            {
                Volatile.Write(ref reason, found);
            }

            return found;
        }
        catch (RequestFailedException)
        {
            return null;
        }
    }
}
