using Microsoft.DurableTask;
using Serverless.Core.Runs.FanOut;

namespace Serverless.Core.Runs.Limits;

/// <summary>The orchestration side of the API limiter: ask for permits and wait for the grant, give them back.</summary>
public static class ApiPermits
{
    /// <summary>
    /// Waits for a grant of up to <paramref name="wanted"/> permits; 0 when <paramref name="stop"/> fires first (the request is
    /// then withdrawn, and a grant already on its way is handed back by that same release).
    /// </summary>
    public static async Task<int> AcquireAsync(TaskOrchestrationContext context, string limiterId, int wanted, int limit, Task<string> stop)
    {
        context.SendEvent(limiterId, RunEvents.PermitRequest, new PermitRequest(PermitRequest.Acquire, context.InstanceId, wanted, limit));
        Task<int> grant = context.WaitForExternalEvent<int>(RunEvents.PermitsGranted);
        if (await Task.WhenAny(grant, stop) == grant)
        {
            return await grant;
        }

        Release(context, limiterId);
        return 0;
    }

    public static void Release(TaskOrchestrationContext context, string limiterId) =>
        context.SendEvent(limiterId, RunEvents.PermitRequest, new PermitRequest(PermitRequest.Release, context.InstanceId, 0, 0));
}
