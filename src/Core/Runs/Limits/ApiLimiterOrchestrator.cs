using Microsoft.DurableTask;
using Serverless.Core.Runs.FanOut;

namespace Serverless.Core.Runs.Limits;

/// <summary>
/// One long-lived orchestration per third-party API that holds its concurrency permits, so every run against that API (each
/// chunk of each run is a holder) stays under the cap together, on however many instances. Runs talk to it with external
/// events only; it answers with <see cref="RunEvents.PermitsGranted"/>. It restarts itself with ContinueAsNew every
/// <see cref="RequestsPerGeneration"/> requests (keeping unprocessed events), so its history stays short however long it lives.
/// <para>
/// A grant is sent one episode after it is decided. The storage provider sends an episode's messages before it commits the
/// episode's history, and drops the history when another worker committed first (a conflicting completion): a grant sent by
/// such an episode would reach a holder while the pool that counts it is thrown away, and the cap would break. So an episode
/// only records its grants and sends itself a note with a fresh id; the note comes back in a later episode, after the decision
/// is committed, and only then do the grants go out. A discarded episode's note names an id no committed history holds, and
/// sends nothing; a committed decision sent twice reaches a holder that waits for one grant only.
/// </para>
/// <para>
/// A ban pauses it: no grant until the ban's end, on a durable timer, and every holder is told to pause its own calls.
/// </para>
/// </summary>
public sealed class ApiLimiterOrchestrator : TaskOrchestrator<PermitPool?, string>
{
    public const int RequestsPerGeneration = 100;

    public override async Task<string> RunAsync(TaskOrchestrationContext context, PermitPool? pool)
    {
        pool ??= new PermitPool();
        Task<PermitRequest>? next = null;
        Task? resume = null;
        int handled = 0;
        // A new generation starts with nothing on its way: no grant awaiting its note, no pause awaiting its timer, no wait for a
        // request that could take one and lose it.
        while (handled < RequestsPerGeneration || pool.Undelivered.Count > 0 || pool.PausedUntil is not null || next is not null)
        {
            next ??= context.WaitForExternalEvent<PermitRequest>(RunEvents.PermitRequest);
            if (pool.PausedUntil is { } until && resume is null)
            {
                resume = context.CreateTimer(until, CancellationToken.None);
            }

            if (resume is not null && await Task.WhenAny(next, resume) == resume)
            {
                // Early (see BanPause.TimerGrace), or a later ban moved the end: wait again.
                resume = context.CurrentUtcDateTime < pool.PausedUntil
                    ? context.CreateTimer(pool.PausedUntil.Value + BanPause.TimerGrace, CancellationToken.None)
                    : null;
                if (resume is null)
                {
                    Decide(context, pool, pool.Resume());
                    Publish(context, pool);
                }

                continue;
            }

            PermitRequest request = await next;
            next = null;
            switch (request.Kind)
            {
                case PermitRequest.Deliver:
                    foreach (PermitGrant grant in pool.TakeUndelivered(request.Holder))
                    {
                        context.SendEvent(grant.Holder, RunEvents.PermitsGranted, grant.Permits);
                    }

                    break;
                case PermitRequest.Ban:
                    foreach (string holder in pool.Pause(request.Until ?? context.CurrentUtcDateTime))
                    {
                        context.SendEvent(holder, RunEvents.ApiPaused, pool.PausedUntil!.Value);
                    }

                    handled++;
                    break;
                default:
                    Decide(context, pool, pool.Apply(request));
                    handled++;
                    break;
            }

            Publish(context, pool);
        }

        // Events sent in the episode that continues as new were seen lost on the local sidecar: a short timer ends that
        // episode first, so the restart carries only the pool (and any requests that arrived meanwhile).
        await context.CreateTimer(TimeSpan.FromMilliseconds(10), CancellationToken.None);
        context.ContinueAsNew(pool, preserveUnprocessedEvents: true);
        return "continued";
    }

    static void Decide(TaskOrchestrationContext context, PermitPool pool, List<PermitGrant> grants)
    {
        if (grants.Count == 0)
        {
            return;
        }

        // Deterministic on replay, and unique to the episode that made it (it derives from the episode's start time).
        string id = context.NewGuid().ToString("N");
        pool.Decide(id, grants);
        context.SendEvent(context.InstanceId, RunEvents.PermitRequest, new PermitRequest(PermitRequest.Deliver, id, 0, 0));
    }

    static void Publish(TaskOrchestrationContext context, PermitPool pool) => context.SetCustomStatus(new
    {
        pool.Limit, pool.InUse, Holders = pool.Holders.Count, Waiting = pool.Waiting.Count, pool.PausedUntil,
    });
}
