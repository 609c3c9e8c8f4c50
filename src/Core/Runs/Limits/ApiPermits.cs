using Microsoft.DurableTask;
using Serverless.Core.Runs.FanOut;

namespace Serverless.Core.Runs.Limits;

/// <summary>The orchestration side of the API limiter: ask for permits and wait for the grant, give them back.</summary>
public static class ApiPermits
{
    /// <summary>How long a holder waits for an answer before it asks again (the limiter answers a repeated request with the same grant).</summary>
    public static readonly TimeSpan AskAgainAfter = TimeSpan.FromSeconds(5);

    /// <summary>Attempts before a chunk gives up on a limiter that never answers (then its items fail with the reason).</summary>
    public const int MaxAttempts = 60;

    /// <summary>
    /// Waits for a grant of up to <paramref name="wanted"/> permits, asking again every <see cref="AskAgainAfter"/>, since a
    /// message can be lost while the limiter restarts itself; 0 when <paramref name="stop"/> fires first (the request is then
    /// withdrawn, and a grant already on its way is handed back by that same release).
    /// </summary>
    public static async Task<int> AcquireAsync(TaskOrchestrationContext context, string limiterId, int wanted, int limit, Task<string> stop)
    {
        // One waiter for every attempt: waiters of one event name are served oldest first.
        Task<int> grant = context.WaitForExternalEvent<int>(RunEvents.PermitsGranted);
        for (int attempt = 0; attempt < MaxAttempts; attempt++)
        {
            context.SendEvent(limiterId, RunEvents.PermitRequest, new PermitRequest(PermitRequest.Acquire, context.InstanceId, wanted, limit));
            using var timerCancellation = new CancellationTokenSource();
            Task askAgain = context.CreateTimer(AskAgainAfter, timerCancellation.Token);
            Task first = await Task.WhenAny(grant, stop, askAgain);
            if (first != askAgain)
            {
                timerCancellation.Cancel();
            }

            if (first == grant)
            {
                return await grant;
            }

            if (first == stop)
            {
                Release(context, limiterId);
                return 0;
            }
        }

        throw new InvalidOperationException($"The API limiter {limiterId} answered none of {MaxAttempts} permit requests.");
    }

    public static void Release(TaskOrchestrationContext context, string limiterId) =>
        context.SendEvent(limiterId, RunEvents.PermitRequest, new PermitRequest(PermitRequest.Release, context.InstanceId, 0, 0));
}
