using DurableTask.Core;
using Microsoft.Extensions.Logging;

namespace Serverless.Local.Engine;

/// <summary>
/// Keeps one activity work item's queue message hidden while the activity runs: the Azure Storage provider's renewal sets the
/// message's visibility to the work-item visibility timeout again (and takes the new pop receipt its completion deletes with).
/// </summary>
sealed class LockRenewal
{
    public static readonly LockRenewal None = new(null, Task.CompletedTask);

    readonly CancellationTokenSource? stop;
    readonly Task loop;

    LockRenewal(CancellationTokenSource? stop, Task loop)
    {
        this.stop = stop;
        this.loop = loop;
    }

    public static LockRenewal Start(IOrchestrationService service, TaskActivityWorkItem item, TimeSpan every, ILogger logger)
    {
        var stop = new CancellationTokenSource();
        return new LockRenewal(stop, Task.Run(() => RenewAsync(service, item, every, logger, stop.Token), CancellationToken.None));
    }

    /// <summary>Stops renewing, after a renewal in flight has finished.</summary>
    public async Task StopAsync()
    {
        if (stop is null)
        {
            return;
        }

        await stop.CancelAsync();
        await loop;
        stop.Dispose();
    }

    static async Task RenewAsync(IOrchestrationService service, TaskActivityWorkItem item, TimeSpan every, ILogger logger, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(every);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                try
                {
                    // The provider answers with the lock's new end, or with its end now when it no longer holds the item.
                    TaskActivityWorkItem renewed = await service.RenewTaskActivityWorkItemLockAsync(item);
                    if (renewed.LockedUntilUtc <= DateTime.UtcNow)
                    {
                        return;
                    }
                }
                catch (Exception e)
                {
                    // Tried again at the next tick, while the lock still has a third or more of its time.
                    if (!stop.IsCancellationRequested)
                    {
                        logger.LogWarning(e, "Could not renew the lock of activity work item {Id}.", item.Id);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }
}
