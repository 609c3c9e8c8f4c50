using Microsoft.DurableTask;
using Serverless.Core.Runs.FanOut;

namespace Serverless.Core.Runs.Limits;

/// <summary>
/// The orchestration side of the API limiter: ask for permits once and wait for the grant, give them back. No timer: a durable
/// timer cannot be cancelled, so one set for "ask again" would still fire after the run ended, and events between
/// orchestrations are durable, so asking again only ever produced a second grant nobody held.
/// </summary>
public static class ApiPermits
{
    /// <summary>
    /// Waits for a grant of up to <paramref name="wanted"/> permits; 0 when <paramref name="stop"/> fires first. A stopped
    /// holder withdraws its request and waits for the limiter's one answer to it, so no grant reaches it after it ends.
    /// </summary>
    public static async Task<int> AcquireAsync(TaskOrchestrationContext context, string limiterId, int wanted, int limit, Task<string> stop)
    {
        Task<int> grant = context.WaitForExternalEvent<int>(RunEvents.PermitsGranted);
        Send(context, limiterId, new PermitRequest(PermitRequest.Acquire, context.InstanceId, wanted, limit));
        if (await Task.WhenAny(grant, stop) == grant)
        {
            return await grant;
        }

        Send(context, limiterId, new PermitRequest(PermitRequest.Withdraw, context.InstanceId, 0, 0));
        await grant;
        return 0;
    }

    public static void Release(TaskOrchestrationContext context, string limiterId) =>
        Send(context, limiterId, new PermitRequest(PermitRequest.Release, context.InstanceId, 0, 0));

    static void Send(TaskOrchestrationContext context, string limiterId, PermitRequest request) =>
        context.SendEvent(limiterId, RunEvents.PermitRequest, request);
}
