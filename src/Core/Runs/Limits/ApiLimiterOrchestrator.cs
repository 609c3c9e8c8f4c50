using Microsoft.DurableTask;
using Serverless.Core.Runs.FanOut;

namespace Serverless.Core.Runs.Limits;

/// <summary>
/// One long-lived orchestration per third-party API that holds its concurrency permits, so every run against that API (each
/// chunk of each run is a holder) stays under the cap together, on however many instances. Runs talk to it with external
/// events only; it answers with <see cref="RunEvents.PermitsGranted"/>. It restarts itself with ContinueAsNew every
/// <see cref="RequestsPerGeneration"/> requests (keeping unprocessed events), so its history stays short however long it lives.
/// </summary>
public sealed class ApiLimiterOrchestrator : TaskOrchestrator<PermitPool?, string>
{
    public const int RequestsPerGeneration = 100;

    public override async Task<string> RunAsync(TaskOrchestrationContext context, PermitPool? pool)
    {
        pool ??= new PermitPool();
        for (int handled = 0; handled < RequestsPerGeneration; handled++)
        {
            PermitRequest request = await context.WaitForExternalEvent<PermitRequest>(RunEvents.PermitRequest);
            foreach (PermitGrant grant in pool.Apply(request))
            {
                context.SendEvent(grant.Holder, RunEvents.PermitsGranted, grant.Permits);
            }

            context.SetCustomStatus(new { pool.Limit, pool.InUse, Holders = pool.Holders.Count, Waiting = pool.Waiting.Count });
        }

        // Events sent in the episode that continues as new were seen lost on the local sidecar: a short timer ends that
        // episode first, so the restart carries only the pool (and any requests that arrived meanwhile).
        await context.CreateTimer(TimeSpan.FromMilliseconds(10), CancellationToken.None);
        context.ContinueAsNew(pool, preserveUnprocessedEvents: true);
        return "continued";
    }
}
