using System.Net.Sockets;

namespace Serverless.Local.Runner;

/// <summary>
/// Before the engine starts: when the storage is the development storage (Azurite), is something listening on its
/// endpoints? Without this check a missing Azurite surfaces as a retry storm deep inside the storage SDK.
/// </summary>
public static class StorageCheck
{
    static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(2);

    /// <summary>The blob, queue and table endpoints of a development-storage connection string; empty for any other storage.</summary>
    public static IReadOnlyList<Uri> DevelopmentEndpoints(string connectionString)
    {
        Dictionary<string, string> parts = connectionString
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2))
            .Where(p => p.Length == 2)
            .GroupBy(p => p[0].Trim(), StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Last()[1].Trim(), StringComparer.OrdinalIgnoreCase);
        if (parts.TryGetValue("UseDevelopmentStorage", out string? dev) && dev.Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            return [new("http://127.0.0.1:10000"), new("http://127.0.0.1:10001"), new("http://127.0.0.1:10002")];
        }

        if (!parts.TryGetValue("AccountName", out string? account) || !account.Equals("devstoreaccount1", StringComparison.Ordinal))
        {
            return [];
        }

        return new[] { "BlobEndpoint", "QueueEndpoint", "TableEndpoint" }
            .Select(key => parts.TryGetValue(key, out string? url) && Uri.TryCreate(url, UriKind.Absolute, out Uri? uri) ? uri : null)
            .OfType<Uri>()
            .ToList();
    }

    /// <summary>
    /// True when the storage is not Azurite or every Azurite endpoint accepts a connection; otherwise says what to do and returns false.
    /// </summary>
    public static async Task<bool> EnsureAzuriteAsync(string connectionString, CancellationToken cancellationToken)
    {
        foreach (Uri endpoint in DevelopmentEndpoints(connectionString))
        {
            if (!await AcceptsAsync(endpoint.Host, endpoint.Port, cancellationToken))
            {
                Console.Error.WriteLine(
                    $"Azurite is not running on {endpoint.Host}:{endpoint.Port}; start it with scripts/azurite.sh start (or run scripts/run.sh).");
                return false;
            }
        }

        return true;
    }

    static async Task<bool> AcceptsAsync(string host, int port, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ConnectTimeout);
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(host, port, timeout.Token);
            return true;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
