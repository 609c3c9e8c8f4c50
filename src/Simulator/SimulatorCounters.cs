namespace Serverless.Simulator;

/// <summary>Outcome counters as plain fields so the hot path can bump them with one Interlocked call each.</summary>
internal sealed class SimulatorCounters
{
    public long Requests;
    public long Ok;
    public long TooManyRequests;
    public long Forbidden;
    public long ServerErrors;
    public long NotFound;
    public long ClientAborted;
    public long BanCount;
    public long Unauthorized;
    public long TokenRequests;
    public long TokensIssued;

    public void Reset()
    {
        Interlocked.Exchange(ref Requests, 0);
        Interlocked.Exchange(ref Ok, 0);
        Interlocked.Exchange(ref TooManyRequests, 0);
        Interlocked.Exchange(ref Forbidden, 0);
        Interlocked.Exchange(ref ServerErrors, 0);
        Interlocked.Exchange(ref NotFound, 0);
        Interlocked.Exchange(ref ClientAborted, 0);
        Interlocked.Exchange(ref BanCount, 0);
        Interlocked.Exchange(ref Unauthorized, 0);
        Interlocked.Exchange(ref TokenRequests, 0);
        Interlocked.Exchange(ref TokensIssued, 0);
    }
}
