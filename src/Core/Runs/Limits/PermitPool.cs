namespace Serverless.Core.Runs.Limits;

/// <summary>
/// The limiter's state: a counting semaphore over the API's cap, first come first served. A waiting request is granted as soon
/// as at least one permit is free (it gets what is free, up to what it asked), so a holder never waits for a full window while
/// others finish. Requests are idempotent, so a holder may repeat one whose answer it never got. Serialisable: it is the limiter
/// orchestration's input across ContinueAsNew.
/// </summary>
public sealed class PermitPool
{
    public int Limit { get; set; }

    public Dictionary<string, int> Holders { get; set; } = [];

    public List<PermitRequest> Waiting { get; set; } = [];

    public int InUse => Holders.Values.Sum();

    public int Available => Math.Max(0, Limit - InUse);

    /// <summary>Applies one request and returns the grants it makes possible, in order.</summary>
    public List<PermitGrant> Apply(PermitRequest request)
    {
        if (request.Limit > 0)
        {
            Limit = request.Limit;
        }

        var grants = new List<PermitGrant>();
        switch (request.Kind)
        {
            // A holder asking again lost our answer: it gets the same grant again, nothing more.
            case PermitRequest.Acquire when Holders.TryGetValue(request.Holder, out int held):
                grants.Add(new PermitGrant(request.Holder, held));
                break;
            case PermitRequest.Acquire when Waiting.All(w => w.Holder != request.Holder):
                Waiting.Add(request);
                break;
            case PermitRequest.Release:
                Holders.Remove(request.Holder);
                Waiting.RemoveAll(w => w.Holder == request.Holder);
                break;
        }

        while (Waiting.Count > 0 && Available > 0)
        {
            PermitRequest next = Waiting[0];
            Waiting.RemoveAt(0);
            int granted = Math.Min(Math.Max(1, next.Permits), Available);
            Holders[next.Holder] = granted;
            grants.Add(new PermitGrant(next.Holder, granted));
        }

        return grants;
    }
}
