namespace Serverless.Local.Runner;

/// <summary>What the runner's exit code tells a script.</summary>
public static class ExitCodes
{
    /// <summary>A run did not complete, or what was asked for does not exist (an unknown run id).</summary>
    public const int Failed = 1;

    /// <summary>Bad input or configuration (an option, the storage connection string, a refused API URL), or Azurite is not running.</summary>
    public const int Usage = 2;

    /// <summary>Storage stayed unreachable for longer than the runner waits for it (<c>--storage-retry-seconds</c>).</summary>
    public const int StorageUnreachable = 3;

    /// <summary>Stopped by Ctrl+C (SIGINT): 128 + 2, as shells report it.</summary>
    public const int Interrupted = 130;

    /// <summary>Stopped by SIGTERM: 128 + 15.</summary>
    public const int Terminated = 143;
}
