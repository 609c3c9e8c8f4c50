using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;
using Serverless.Tests.Infrastructure;

namespace Serverless.Tests.FunctionsHost;

/// <summary>
/// What every test host (one, or several on one task hub) is started with: the built app, the shared Azurite, keys written to
/// files before its first start, its own port, task hub and user API.
/// </summary>
public static class TestHostSetup
{
    public static Dictionary<string, string> Settings(int port, string secrets, string taskHub, Uri userApi, int maxConcurrency) => new()
    {
        ["AzureWebJobsScriptRoot"] = FunctionsHostLocation.App,
        ["languageWorkers__dotnet-isolated__workerDirectory"] = FunctionsHostLocation.App,
        ["FUNCTIONS_WORKER_RUNTIME"] = "dotnet-isolated",
        ["AzureWebJobsStorage"] = Azurite.ConnectionString,
        ["AzureWebJobsSecretStorageType"] = "files",
        ["FUNCTIONS_SECRETS_PATH"] = secrets,
        ["AZURE_FUNCTIONS_ENVIRONMENT"] = "Development",
        ["ASPNETCORE_ENVIRONMENT"] = "Development",
        ["AzureFunctionsJobHost__Logging__Console__IsEnabled"] = "true",
        ["WEBSITE_HOSTNAME"] = $"127.0.0.1:{port}",
        ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
        ["TaskHubName"] = taskHub,
        ["UserApi__BaseUrl"] = userApi.ToString(),
        ["UserApi__AllowLoopback"] = "true",
        ["UserApi__MaxConcurrency"] = maxConcurrency.ToString(System.Globalization.CultureInfo.InvariantCulture),
        // Short waits keep tests quick; the strategy under test is the same.
        ["UserApi__RetryBaseDelay"] = "00:00:00.100",
    };

    /// <summary>The keys file the host reads with AzureWebJobsSecretStorageType=files.</summary>
    public static void WriteKeys(string folder, int port, string functionKey, string? blobsExtensionKey = null)
    {
        Directory.CreateDirectory(folder);
        static object Key(string name, string value) => new { name, value, encrypted = false };
        var keys = new
        {
            masterKey = Key("master", NewKey()),
            functionKeys = new[] { Key("default", functionKey) },
            systemKeys = blobsExtensionKey is null ? [] : new[] { Key("blobs_extension", blobsExtensionKey) },
            hostName = $"127.0.0.1:{port}",
            instanceId = "local",
            source = "runtime",
            decryptionKeyId = "",
        };
        File.WriteAllText(Path.Combine(folder, "host.json"), JsonSerializer.Serialize(keys));
    }

    public static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).Replace('+', '-').Replace('/', '_').TrimEnd('=');

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The host answers HTTP before its triggers are bound; this only waits for the port.</summary>
    public static async Task WaitUntilListeningAsync(int port)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            try
            {
                using var socket = new TcpClient();
                await socket.ConnectAsync(IPAddress.Loopback, port, cts.Token);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100, cts.Token);
            }
        }
    }
}
