namespace Serverless.Core.Runs.Limits;

/// <summary>
/// The limiter's state: a counting semaphore over the API's cap, first come first served. A waiting request is granted as soon
/// as at least one permit is free (it gets what is free, up to what it asked), so a holder never waits for a full window while
/// others finish. Every holder asks once and gets one answer: a repeated or late acquire (queues deliver at least once) changes
/// nothing, so no finished holder is ever granted or counted. While the API has banned us (<see cref="PausedUntil"/>) nothing is
/// granted. Grants decided are kept <see cref="Undelivered"/> until the limiter's history holds the decision. Serialisable: it is
/// the limiter orchestration's input across ContinueAsNew.
/// </summary>
public sealed class PermitPool
{
    /// <summary>How many finished holders are remembered to ignore their late acquires: far more than run at once.</summary>
    public const int FinishedMemory = 256;

    public int Limit { get; set; }

    public Dictionary<string, int> Holders { get; set; } = [];

    public List<PermitRequest> Waiting { get; set; } = [];

    /// <summary>Holders that released or withdrew, newest last.</summary>
    public List<string> Finished { get; set; } = [];

    /// <summary>Grants decided and not yet sent, by the id of the decision's delivery note.</summary>
    public Dictionary<string, List<PermitGrant>> Undelivered { get; set; } = [];

    /// <summary>Set while a ban holds every run against the API: no grant until the limiter resumes.</summary>
    public DateTime? PausedUntil { get; set; }

    public int InUse => Holders.Values.Sum();

    public int Available => Math.Max(0, Limit - InUse);

    /// <summary>Applies one request and returns the grants it makes possible, in order (a grant of 0 answers a withdrawal).</summary>
    public List<PermitGrant> Apply(PermitRequest request)
    {
        if (request.Limit > 0)
        {
            Limit = request.Limit;
        }

        var grants = new List<PermitGrant>();
        bool waiting = Waiting.Any(w => w.Holder == request.Holder);
        switch (request.Kind)
        {
            case PermitRequest.Acquire when !Holders.ContainsKey(request.Holder) && !waiting && !Finished.Contains(request.Holder):
                Waiting.Add(request);
                break;
            case PermitRequest.Release:
                Holders.Remove(request.Holder);
                Finish(request.Holder);
                break;
            case PermitRequest.Withdraw:
                // A holder already granted has that grant on its way: it is its one answer.
                if (!Holders.Remove(request.Holder))
                {
                    grants.Add(new PermitGrant(request.Holder, 0));
                }

                Finish(request.Holder);
                break;
        }

        GrantWhatIsFree(grants);
        return grants;
    }

    /// <summary>Holds every grant until <paramref name="until"/> (the later of two bans); returns the holders to pause.</summary>
    public List<string> Pause(DateTime until)
    {
        PausedUntil = PausedUntil is { } paused && paused > until ? paused : until;
        return [.. Holders.Keys, .. Waiting.Select(w => w.Holder)];
    }

    /// <summary>Ends the pause; returns the grants held back by it.</summary>
    public List<PermitGrant> Resume()
    {
        PausedUntil = null;
        var grants = new List<PermitGrant>();
        GrantWhatIsFree(grants);
        return grants;
    }

    /// <summary>Keeps <paramref name="grants"/> until their delivery note <paramref name="id"/> comes back.</summary>
    public void Decide(string id, List<PermitGrant> grants) => Undelivered[id] = grants;

    /// <summary>The grants decided under <paramref name="id"/>, once; none for a note no decision of this history made.</summary>
    public List<PermitGrant> TakeUndelivered(string id) => Undelivered.Remove(id, out List<PermitGrant>? grants) ? grants : [];

    void GrantWhatIsFree(List<PermitGrant> grants)
    {
        while (PausedUntil is null && Waiting.Count > 0 && Available > 0)
        {
            PermitRequest next = Waiting[0];
            Waiting.RemoveAt(0);
            int granted = Math.Min(Math.Max(1, next.Permits), Available);
            Holders[next.Holder] = granted;
            grants.Add(new PermitGrant(next.Holder, granted));
        }
    }

    void Finish(string holder)
    {
        Waiting.RemoveAll(w => w.Holder == holder);
        if (!Finished.Contains(holder))
        {
            Finished.Add(holder);
            if (Finished.Count > FinishedMemory)
            {
                Finished.RemoveAt(0);
            }
        }
    }
}
