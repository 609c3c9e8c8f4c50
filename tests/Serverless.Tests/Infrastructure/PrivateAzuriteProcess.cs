using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Serverless.Tests.Infrastructure;

/// <summary>
/// An Azurite of the test's own, on free ports with a temporary folder, for tests that take storage away (the shared one on
/// 10000-10002 is never stopped). Needs the repository's node_modules (npm ci).
/// </summary>
public sealed class PrivateAzuriteProcess : IDisposable
{
    const string DevAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    readonly Process process;
    readonly string folder;

    PrivateAzuriteProcess(Process process, string folder, int[] ports)
    {
        this.process = process;
        this.folder = folder;
        Ports = ports;
        ConnectionString = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={DevAccountKey};" +
            $"BlobEndpoint=http://127.0.0.1:{ports[0]}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{ports[1]}/devstoreaccount1;" +
            $"TableEndpoint=http://127.0.0.1:{ports[2]}/devstoreaccount1;";
    }

    public string ConnectionString { get; }

    /// <summary>Blob, queue and table ports.</summary>
    public IReadOnlyList<int> Ports { get; }

    public static async Task<PrivateAzuriteProcess> StartAsync()
    {
        string script = Path.Combine(RepoPaths.Root, "node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(script))
        {
            throw new InvalidOperationException($"{script} is missing: run `npm ci --no-audit --no-fund` in {RepoPaths.Root}.");
        }

        int[] ports = [FreePort(), FreePort(), FreePort()];
        string folder = Directory.CreateTempSubdirectory("azurite-private-").FullName;
        var info = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string arg in new[]
        {
            script, "--blobHost", "127.0.0.1", "--blobPort", $"{ports[0]}", "--queueHost", "127.0.0.1", "--queuePort", $"{ports[1]}",
            "--tableHost", "127.0.0.1", "--tablePort", $"{ports[2]}", "--location", folder, "--skipApiVersionCheck", "--disableTelemetry",
            "--silent",
        })
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment.Remove("CONTAINER_NAME");
        var azurite = new PrivateAzuriteProcess(Process.Start(info)!, folder, ports);
        azurite.process.OutputDataReceived += (_, _) => { };
        azurite.process.ErrorDataReceived += (_, _) => { };
        azurite.process.BeginOutputReadLine();
        azurite.process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        foreach (int port in ports)
        {
            while (!await AcceptsAsync(port))
            {
                if (azurite.process.HasExited)
                {
                    throw new InvalidOperationException($"The private Azurite exited with {azurite.process.ExitCode} before listening.");
                }

                await Task.Delay(100, timeout.Token);
            }
        }

        return azurite;
    }

    /// <summary>Storage gone at once, as when Azurite crashes: the process killed, its ports closed.</summary>
    public void Kill()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }
    }

    public void Dispose()
    {
        Kill();
        process.Dispose();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    static async Task<bool> AcceptsAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
