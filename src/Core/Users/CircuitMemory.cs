namespace Serverless.Core.Users;

/// <summary>
/// What the last opening of one pipeline's circuit breaker was caused by. A fetch the open circuit refuses reports this instead
/// of the breaker's own exception, which says only that the circuit is open.
/// </summary>
public sealed class CircuitMemory
{
    string? lastCause;

    public string? LastCause => Volatile.Read(ref lastCause);

    public void Opened(string cause) => Volatile.Write(ref lastCause, cause);
}
