using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Serverless.Local.Runner;
using Serverless.Tests.Infrastructure;
using Xunit;

namespace Serverless.Tests.Demo;

/// <summary>The errors a newcomer hits first: each names the problem and the fix, exits non-zero, and shows no stack trace.</summary>
public sealed class NewcomerErrorTests
{
    const string DevAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    [Fact]
    public async Task Azurite_script_says_when_the_blob_port_is_taken_by_something_that_is_not_Azurite()
    {
        // A plain TCP listener: accepts, never answers HTTP.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        (int code, _, string error) = await RunAsync("/bin/bash", [Script, "start"], new()
        {
            ["AZURITE_BLOB_PORT"] = port.ToString(),
            ["AZURITE_QUEUE_PORT"] = FreePort().ToString(),
            ["AZURITE_TABLE_PORT"] = FreePort().ToString(),
        });
        Assert.NotEqual(0, code);
        Assert.Contains($"port {port} is taken by something that is not Azurite", error);
        Assert.Contains("fix: stop that process", error);
    }

    [Fact]
    public async Task Azurite_script_honours_queue_port_override_when_checking_that_its_ports_are_free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        (int code, _, string error) = await RunAsync("/bin/bash", [Script, "start"], new()
        {
            ["AZURITE_BLOB_PORT"] = FreePort().ToString(),
            ["AZURITE_QUEUE_PORT"] = port.ToString(),
            ["AZURITE_TABLE_PORT"] = FreePort().ToString(),
        });
        Assert.NotEqual(0, code);
        Assert.Contains($"port {port} is taken", error);
        Assert.Contains("fix: stop that process", error);
    }

    [Fact]
    public async Task Azurite_script_says_Node_js_is_missing_and_how_to_install_it()
    {
        // A PATH with only what the script needs before it looks for node.
        DirectoryInfo bin = Directory.CreateTempSubdirectory("no-node-");
        try
        {
            File.CreateSymbolicLink(Path.Combine(bin.FullName, "dirname"), Which("dirname"));
            (int code, _, string error) = await RunAsync("/bin/bash", [Script, "start"], new()
            {
                ["PATH"] = bin.FullName,
                ["AZURITE_BLOB_PORT"] = FreePort().ToString(),
                ["AZURITE_QUEUE_PORT"] = FreePort().ToString(),
                ["AZURITE_TABLE_PORT"] = FreePort().ToString(),
            });
            Assert.NotEqual(0, code);
            Assert.Contains("Node.js is missing", error);
            Assert.Contains("install Node.js 20+", error);
        }
        finally
        {
            bin.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Simulator_says_its_port_is_in_use_in_one_line_naming_the_port_and_the_option()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        (int code, string stdout, string error) = await RunAsync(
            Path.Combine(AppContext.BaseDirectory, "Serverless.Simulator"), ["--port", port.ToString()], []);
        Assert.NotEqual(0, code);
        Assert.Equal("", stdout);
        string line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"port {port}", line);
        Assert.Contains("already in use", line);
        Assert.Contains("--port", line);
    }

    [Theory]
    [InlineData("users")]
    [InlineData("articles")]
    [InlineData("demo")]
    public async Task Runner_says_Azurite_is_not_running_before_touching_storage(string command)
    {
        int blob = FreePort();
        string storage = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={DevAccountKey};" +
            $"BlobEndpoint=http://127.0.0.1:{blob}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{FreePort()}/devstoreaccount1;" +
            $"TableEndpoint=http://127.0.0.1:{FreePort()}/devstoreaccount1;";
        string[] args = command == "articles"
            ? [command, "--input", Path.Combine(RepoPaths.Root, "samples", "articles"), "--storage", storage]
            : [command, "--storage", storage];
        using RunnerProcess runner = RunnerProcess.Start(args);
        await runner.ReadAllLinesAsync(TimeSpan.FromSeconds(60));
        int code = await runner.WaitForExitAsync(TimeSpan.FromSeconds(30));
        Assert.NotEqual(0, code);
        string error = runner.StandardError;
        Assert.Contains($"Azurite is not running on 127.0.0.1:{blob}; start it with scripts/azurite.sh start (or run scripts/run.sh)", error);
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public void Development_storage_means_Azurite_on_its_default_ports_and_other_storage_is_not_checked()
    {
        Assert.Equal(
            ["http://127.0.0.1:10000/", "http://127.0.0.1:10001/", "http://127.0.0.1:10002/"],
            StorageCheck.DevelopmentEndpoints("UseDevelopmentStorage=true").Select(u => u.ToString()));
        Assert.Empty(
            StorageCheck.DevelopmentEndpoints("DefaultEndpointsProtocol=https;AccountName=prod;AccountKey=eA==;EndpointSuffix=core.windows.net"));
    }

    static string Script => Path.Combine(RepoPaths.Root, "scripts", "azurite.sh");

    static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    static string Which(string tool) =>
        Environment.GetEnvironmentVariable("PATH")!.Split(':').Select(dir => Path.Combine(dir, tool)).First(File.Exists);

    static async Task<(int Code, string Output, string Error)> RunAsync(string file, string[] args, Dictionary<string, string> env)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepoPaths.Root };
        foreach (string arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment.Remove("CONTAINER_NAME");
        foreach ((string key, string value) in env)
        {
            info.Environment[key] = value;
        }

        using Process process = Process.Start(info)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
