using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;
using Azure.Storage.Blobs;
using Serverless.Core.Runs;
using Serverless.Core.Storage;
using Serverless.Simulator;
using Serverless.Tests.FunctionsHost;
using Serverless.Tests.Infrastructure;

namespace Serverless.Tests.ScaleOut;

/// <summary>
/// A scaled-out Functions app on one machine: several host processes (own port, keys folder and worker id) sharing one
/// storage account (the shared Azurite), one task hub and one user API simulator, as Azure's instances of one app share them.
/// </summary>
public sealed class ScaleOutCluster : IAsyncDisposable
{
    public const int MaxConcurrency = 20;
    static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);

    readonly IReadOnlyDictionary<string, string> extraSettings;
    readonly List<HostInstance> instances = [];
    readonly List<string> secretFolders = [];

    ScaleOutCluster(ApiSimulator simulator, IReadOnlyDictionary<string, string> extraSettings)
    {
        Simulator = simulator;
        this.extraSettings = extraSettings;
    }

    public ApiSimulator Simulator { get; }

    public string TaskHub { get; } = Azurite.NewTaskHub("s");

    public string FunctionKey { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    public IReadOnlyList<HostInstance> Instances => instances;

    public BlobResultStore Results { get; } = new(new BlobServiceClient(Azurite.ConnectionString));

    /// <summary>Starts the simulator and <paramref name="count"/> hosts (in parallel: each takes a while on a busy machine).</summary>
    public static async Task<ScaleOutCluster> StartAsync(int count, SimulatorOptions simulator, IReadOnlyDictionary<string, string>? settings = null)
    {
        Azurite.EnsureRunning();
        if (!File.Exists(Path.Combine(FunctionsHostLocation.App, "functions.metadata")))
        {
            throw new InvalidOperationException($"The Functions app is not built at {FunctionsHostLocation.App}: run `dotnet build " +
                $"src/Functions -c Release` (scripts/test.sh does).");
        }

        var cluster = new ScaleOutCluster(await ApiSimulator.StartAsync(simulator), settings ?? new Dictionary<string, string>());
        try
        {
            await cluster.AddInstancesAsync(count);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    public async Task<IReadOnlyList<HostInstance>> AddInstancesAsync(int count)
    {
        HostInstance[] added = Enumerable.Range(0, count).Select(_ => Launch()).ToArray();
        await Task.WhenAll(added.Select(async instance =>
        {
            await instance.Process.WaitUntilStartedAsync(StartTimeout);
            await instance.WaitUntilListeningAsync();
        }));
        return added;
    }

    public Task<HostInstance> AddInstanceAsync() => AddInstancesAsync(1).ContinueWith(t => t.Result[0], TaskScheduler.Default);

    /// <summary>Polls the run's status through <paramref name="via"/> until it has finished.</summary>
    public static async Task<RunStatus> WaitAsync(HostInstance via, string runId, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (true)
        {
            RunStatus status = await via.ReadStatusAsync(runId, cts.Token);
            if (status.IsFinished)
            {
                return status;
            }

            await Task.Delay(250, cts.Token);
        }
    }

    /// <summary>Every instance's share of one activity kind, e.g. "i1=12 i2=9 i3=10", for messages and test output.</summary>
    public string Shares(string executedLine) => string.Join(' ', instances.Select(i => $"{i.Name}={i.Executions(executedLine)}"));

    /// <summary>Each instance's console (i1.log, i2.log, …), kept with the test results for whoever reads a run.</summary>
    public string LogFolder => Path.Combine(RepoPaths.Root, "artifacts", "test-results", "scale-out", TaskHub);

    public async ValueTask DisposeAsync()
    {
        foreach (HostInstance instance in instances)
        {
            instance.Dispose();
        }

        await Simulator.DisposeAsync();
        foreach (string folder in secretFolders.Where(Directory.Exists))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    HostInstance Launch()
    {
        string name = $"i{instances.Count + 1}";
        int port = TestHostSetup.FreePort();
        string secrets = Path.Combine(Path.GetTempPath(), "serverless-scale-out", Guid.NewGuid().ToString("N"));
        secretFolders.Add(secrets);
        TestHostSetup.WriteKeys(secrets, port, FunctionKey);
        FunctionsHostProcess process = FunctionsHostProcess.Start(port, Settings(name, port, secrets), Path.Combine(LogFolder, name + ".log"));
        var instance = new HostInstance(name, process, new Uri($"http://127.0.0.1:{port}/"), FunctionKey);
        instances.Add(instance);
        return instance;
    }

    Dictionary<string, string> Settings(string name, int port, string secrets)
    {
        Dictionary<string, string> values = TestHostSetup.Settings(port, secrets, TaskHub, Simulator.BaseUrl, MaxConcurrency);
        // The Durable extension names a worker (the owner of partition leases) "{stamp}:{role instance}" when both are set, else
        // by machine name: without these every local instance would be the same owner and none would ever have to take a
        // partition from another.
        values["WEBSITE_CURRENT_STAMPNAME"] = "local";
        values["RoleInstanceId"] = $"{name}-{port}";
        foreach ((string key, string value) in extraSettings)
        {
            values[key] = value;
        }

        return values;
    }
}
