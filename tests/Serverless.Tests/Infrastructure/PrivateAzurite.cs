using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Serverless.Tests.Infrastructure;

/// <summary>
/// An Azurite of the test's own on free ports, with its data in a temporary folder, that the test may stop and start again
/// (the shared one on 10000-10002 is never stopped: other tests use it).
/// </summary>
public sealed class PrivateAzurite : IAsyncDisposable
{
    const string DevAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    readonly DirectoryInfo location = Directory.CreateTempSubdirectory("azurite-");
    readonly int blobPort = FreePort();
    readonly int queuePort = FreePort();
    readonly int tablePort = FreePort();
    Process? process;

    PrivateAzurite()
    {
    }

    /// <summary>Blob, queue and table ports, for a test that checks none of them leaks into an answer.</summary>
    public IReadOnlyList<int> Ports => [blobPort, queuePort, tablePort];

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={DevAccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{blobPort}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{queuePort}/devstoreaccount1;" +
        $"TableEndpoint=http://127.0.0.1:{tablePort}/devstoreaccount1;";

    public static async Task<PrivateAzurite> StartAsync()
    {
        var azurite = new PrivateAzurite();
        await azurite.StartAgainAsync();
        return azurite;
    }

    /// <summary>Starts it (again) on the same ports and data folder.</summary>
    public async Task StartAgainAsync()
    {
        string script = Path.Combine(RepoPaths.Root, "node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(script))
        {
            throw new InvalidOperationException($"Azurite is not installed at {script}; run scripts/setup.sh (npm ci).");
        }

        // The flags scripts/azurite.sh uses.
        var info = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string arg in new[]
        {
            script, "--silent", "--skipApiVersionCheck", "--loose", "--disableTelemetry", "--location", location.FullName,
            "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--tableHost", "127.0.0.1",
            "--blobPort", $"{blobPort}", "--queuePort", $"{queuePort}", "--tablePort", $"{tablePort}",
        })
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment.Remove("CONTAINER_NAME");
        process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var waited = Stopwatch.StartNew();
        while (!(Accepts(blobPort) && Accepts(queuePort) && Accepts(tablePort)))
        {
            if (process.HasExited || waited.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new InvalidOperationException($"the private Azurite did not start listening (exited: {process.HasExited})");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Stops it as an operator would (SIGTERM, so its data is saved for <see cref="StartAgainAsync"/>) and waits until it is gone.</summary>
    public async Task StopAsync()
    {
        if (process is null || process.HasExited)
        {
            return;
        }

        Signal.Send(process.Id, "TERM");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process?.Dispose();
        location.Delete(recursive: true);
    }

    static bool Accepts(int port)
    {
        using var client = new TcpClient();
        try
        {
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
