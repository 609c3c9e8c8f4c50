namespace Serverless.Local.Runner;

/// <summary>Storage stayed unreachable for the whole of the time the runner waits for it.</summary>
public sealed class StorageUnreachableException(string message, Exception? inner = null)
    : CommandFailedException(message, ExitCodes.StorageUnreachable, inner)
{
    /// <summary>The same failure, with what the caller knows about what was left behind (which run to resume, and how).</summary>
    public StorageUnreachableException WithHint(string hint) => new($"{Message} {hint}", InnerException);
}
