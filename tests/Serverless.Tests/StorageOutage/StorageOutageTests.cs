using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Azure.Storage.Blobs;
using Serverless.Core.Runs;
using Serverless.Core.Storage;
using Serverless.Simulator;
using Serverless.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Serverless.Tests.StorageOutage;

/// <summary>
/// The runner on an Azurite of the test's own, which the test stops: a run waits out an outage and completes; an outage that
/// lasts past the wait ends the command with one line; SIGTERM ends <c>serve</c> and <c>users</c> within 10 s whatever storage does.
/// </summary>
public sealed class StorageOutageTests(ITestOutputHelper output)
{
    const int Users = 300;

    [Fact]
    public async Task A_run_waits_out_a_storage_outage_and_completes_with_each_user_exactly_once()
    {
        await using PrivateAzurite storage = await PrivateAzurite.StartAsync();
        // Slow enough that every batch (15 users of the 300 at a cap of 20) is still fetching when the storage is back: an
        // activity that meets the outage when it writes its outcome fails its whole batch, which is the engine's concern
        // (outside this test); this one is about the runner waiting, then going on.
        await using ApiSimulator api = await ApiSimulator.StartAsync(new SimulatorOptions { LatencyMs = 3000, ConcurrencyLimit = 20 });
        // --quiet: stdout is not read during the outage, and progress lines would fill the pipe.
        using RunnerProcess runner = StartUsers(storage, api, "--quiet");
        await WaitForFetchesAsync(api, 40);

        await storage.StopAsync();
        var outage = Stopwatch.StartNew();
        // Longer than the ~5 s after which an unreachable storage used to end the runner with a stack trace.
        await Task.Delay(TimeSpan.FromSeconds(8));
        await storage.StartAgainAsync();
        output.WriteLine($"storage stopped after {api.Snapshot().Ok} fetches, back {outage.Elapsed.TotalSeconds:F1} s later");

        JsonElement finished = await runner.ReadEventAsync("finished", TimeSpan.FromMinutes(4));
        int code = await runner.WaitForExitAsync(TimeSpan.FromSeconds(60));
        string errors = runner.StandardError;
        output.WriteLine($"{finished}\n{errors}");
        Assert.Equal("Completed", finished.GetProperty("status").GetString());
        Assert.Equal(Users, finished.GetProperty("succeeded").GetInt32());
        Assert.Equal(0, finished.GetProperty("failed").GetInt32());
        Assert.Equal(0, code);
        Assert.Contains("storage unreachable (", errors);
        Assert.Contains("retrying for up to 60 s", errors);
        Assert.Contains("storage reachable again", errors);
        AssertNoStackTrace(errors);

        string runId = finished.GetProperty("runId").GetString()!;
        var store = new BlobResultStore(new BlobServiceClient(storage.ConnectionString));
        RunResults results = await RunResults.ReadAsync(store, RunFolder.ForUsers("results", runId));
        Assert.Equal(Enumerable.Range(1, Users), results.UserIds.Order());
        Assert.Empty(results.Failed);
        Assert.Equal(Users, results.Manifest.Succeeded);
    }

    [Fact]
    public async Task A_run_whose_storage_stays_gone_ends_with_one_line_once_the_wait_is_over()
    {
        await using PrivateAzurite storage = await PrivateAzurite.StartAsync();
        await using ApiSimulator api = await ApiSimulator.StartAsync(new SimulatorOptions { LatencyMs = 500, ConcurrencyLimit = 20 });
        using RunnerProcess runner = StartUsers(storage, api, "--quiet", "--storage-retry-seconds", "10");
        await WaitForFetchesAsync(api, 40);

        await storage.StopAsync();
        var gone = Stopwatch.StartNew();
        int code = await runner.WaitForExitAsync(TimeSpan.FromSeconds(120));
        gone.Stop();
        string errors = runner.StandardError;
        output.WriteLine($"exited {code} {gone.Elapsed.TotalSeconds:F1} s after the storage went\n{errors}");

        Assert.Equal(3, code);
        // The 10 s wait starts at the first failed read (after the storage SDK's own retries), and the stop after it is bounded.
        Assert.True(gone.Elapsed < TimeSpan.FromSeconds(50), $"took {gone.Elapsed} after the storage went");
        Assert.Contains("storage unreachable (", errors);
        string last = errors.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1];
        Assert.StartsWith("Storage unreachable for ", last);
        Assert.Contains("gave up", last);
        Assert.Contains("resume it with: runs wait users-", last);
        AssertNoStackTrace(errors);
    }

    [Fact]
    public async Task Serve_exits_within_10_s_of_SIGTERM_with_its_storage_gone()
    {
        await using PrivateAzurite storage = await PrivateAzurite.StartAsync();
        int port = PrivateAzurite.FreePort();
        using RunnerProcess serve = RunnerProcess.Start(
            "serve", "--port", port.ToString(), "--storage", storage.ConnectionString, "--task-hub", Azurite.NewTaskHub("s"));
        await WaitUntilListeningAsync(port);

        await storage.StopAsync();
        // The engine's queue pollers and lease renewals meet the outage.
        await Task.Delay(TimeSpan.FromSeconds(6));
        var stopping = Stopwatch.StartNew();
        serve.Terminate();
        int code = await serve.WaitForExitAsync(TimeSpan.FromSeconds(60));
        stopping.Stop();
        output.WriteLine($"exited {code} {stopping.Elapsed.TotalSeconds:F1} s after SIGTERM\n{serve.StandardError}");

        Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(10), $"serve took {stopping.Elapsed} to exit after SIGTERM");
        AssertNoStackTrace(serve.StandardError);
    }

    [Fact]
    public async Task Users_exits_within_10_s_of_SIGTERM_while_it_waits_for_storage()
    {
        await using PrivateAzurite storage = await PrivateAzurite.StartAsync();
        await using ApiSimulator api = await ApiSimulator.StartAsync(new SimulatorOptions { LatencyMs = 500, ConcurrencyLimit = 20 });
        using RunnerProcess runner = StartUsers(storage, api, "--quiet");
        await WaitForFetchesAsync(api, 40);

        await storage.StopAsync();
        await Task.Delay(TimeSpan.FromSeconds(10));
        // Still there, waiting for the storage: it used to end with a stack trace about 5 s into an outage.
        Assert.False(runner.HasExited, $"users exited during the outage: {runner.StandardError}");
        var stopping = Stopwatch.StartNew();
        runner.Terminate();
        int code = await runner.WaitForExitAsync(TimeSpan.FromSeconds(60));
        stopping.Stop();
        string errors = runner.StandardError;
        output.WriteLine($"exited {code} {stopping.Elapsed.TotalSeconds:F1} s after SIGTERM\n{errors}");

        Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(10), $"users took {stopping.Elapsed} to exit after SIGTERM");
        Assert.Equal(143, code);
        Assert.Contains("storage unreachable (", errors);
        Assert.Equal("Stopped by SIGTERM.", errors.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1]);
        AssertNoStackTrace(errors);
    }

    static RunnerProcess StartUsers(PrivateAzurite storage, ApiSimulator api, params string[] more) =>
        RunnerProcess.Start(
        [
            "users", "--count", Users.ToString(), "--api", api.BaseUrl.ToString(), "--storage", storage.ConnectionString,
            "--task-hub", Azurite.NewTaskHub("o"), "--json", .. more,
        ]);

    static async Task WaitForFetchesAsync(ApiSimulator api, long fetches)
    {
        var waited = Stopwatch.StartNew();
        while (api.Snapshot().Ok < fetches)
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(120), $"only {api.Snapshot().Ok} fetches in {waited.Elapsed}");
            await Task.Delay(20);
        }
    }

    static async Task WaitUntilListeningAsync(int port)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            using var client = new TcpClient();
            try
            {
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (waited.Elapsed < TimeSpan.FromSeconds(120))
            {
                await Task.Delay(200);
            }
        }
    }

    static void AssertNoStackTrace(string errors)
    {
        Assert.DoesNotContain("Unhandled exception", errors);
        Assert.DoesNotContain("   at ", errors);
    }
}
