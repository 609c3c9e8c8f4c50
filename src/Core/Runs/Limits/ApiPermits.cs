using Microsoft.DurableTask;
using Serverless.Core.Runs.FanOut;

namespace Serverless.Core.Runs.Limits;

/// <summary>
/// The orchestration side of the API limiter: ask for permits and wait for the grant, give them back. A window asks once
/// unless its engine can lose messages: every ask again sets a durable timer, and a durable timer cannot be cancelled, so it
/// would still fire into the run after it ended.
/// </summary>
public static class ApiPermits
{
    /// <summary>
    /// Waits for a grant of up to <paramref name="wanted"/> permits; 0 when <paramref name="stop"/> fires first. A stopped
    /// window withdraws its request and waits for the limiter's answer to that, so no grant reaches it after it ends.
    /// </summary>
    public static async Task<int> AcquireAsync(
        TaskOrchestrationContext context, string limiterId, int wanted, int limit, Task<StopReason> stop, TimeSpan? askAgainAfter = null)
    {
        Task<int> grant = context.WaitForExternalEvent<int>(RunEvents.PermitsGranted);
        var request = new PermitRequest(PermitRequest.Acquire, context.InstanceId, wanted, limit);
        while (true)
        {
            Send(context, limiterId, request);
            Task first = await FirstOfAsync(context, askAgainAfter, request.Kind == PermitRequest.Withdraw ? [grant] : [grant, stop]);
            if (first == grant)
            {
                return request.Kind == PermitRequest.Withdraw ? 0 : await grant;
            }

            if (first == stop)
            {
                request = new PermitRequest(PermitRequest.Withdraw, context.InstanceId, 0, 0);
            }
        }
    }

    public static void Release(TaskOrchestrationContext context, string limiterId) =>
        Send(context, limiterId, new PermitRequest(PermitRequest.Release, context.InstanceId, 0, 0));

    /// <summary>The first of <paramref name="tasks"/> to finish, or the ask-again timer when it fires first.</summary>
    static async Task<Task> FirstOfAsync(TaskOrchestrationContext context, TimeSpan? askAgainAfter, Task[] tasks)
    {
        if (askAgainAfter is not { } after)
        {
            return await Task.WhenAny(tasks);
        }

        using var cancellation = new CancellationTokenSource();
        Task timer = context.CreateTimer(after, cancellation.Token);
        Task first = await Task.WhenAny(tasks.Append(timer));
        if (first != timer)
        {
            cancellation.Cancel();
        }

        return first;
    }

    static void Send(TaskOrchestrationContext context, string limiterId, PermitRequest request) =>
        context.SendEvent(limiterId, RunEvents.PermitRequest, request);
}
