using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using Serverless.Core.Runs;
using Serverless.Core.Storage;
using Serverless.Local.Engine;
using Serverless.Local.Runner;
using Serverless.Simulator;

namespace Serverless.Tests.Infrastructure;

/// <summary>A real engine (in its own task hub on Azurite, or in memory) and a real API simulator over loopback HTTP.</summary>
public sealed class EngineHarness : IAsyncDisposable
{
    readonly ILoggerFactory loggers;

    EngineHarness(ApiSimulator simulator, DurableEngine engine, ILoggerFactory loggers, string taskHub)
    {
        Simulator = simulator;
        Engine = engine;
        this.loggers = loggers;
        TaskHub = taskHub;
    }

    public ApiSimulator Simulator { get; }

    public DurableEngine Engine { get; }

    public string TaskHub { get; }

    public BlobResultStore Results => Engine.Services.GetRequiredService<BlobResultStore>();

    public T Get<T>() where T : notnull => Engine.Services.GetRequiredService<T>();

    public static async Task<EngineHarness> StartAsync(
        SimulatorOptions simulatorOptions,
        EngineKind kind = EngineKind.AzureStorage,
        IDictionary<string, string?>? settings = null,
        Action<OpenTelemetryBuilder>? telemetry = null)
    {
        Azurite.EnsureRunning();
        ApiSimulator simulator = await ApiSimulator.StartAsync(simulatorOptions);
        var overrides = new Dictionary<string, string?>
        {
            ["UserApi:BaseUrl"] = simulator.BaseUrl.ToString(),
            ["AzureWebJobsStorage"] = Azurite.ConnectionString,
            // Short waits keep tests quick; the strategy under test is the same.
            ["UserApi:RetryBaseDelay"] = "00:00:00.100",
        };
        foreach ((string key, string? value) in settings ?? new Dictionary<string, string?>())
        {
            overrides[key] = value;
        }

        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(overrides).Build();
        ILoggerFactory loggers = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Error));
        string taskHub = Azurite.NewTaskHub();
        var runner = new RunnerSettings(kind, Azurite.ConnectionString, taskHub, simulator.BaseUrl.ToString(), Json: false);
        DurableEngine engine = await LocalHost.StartEngineAsync(runner, configuration, loggers, CancellationToken.None, telemetry: telemetry);
        return new EngineHarness(simulator, engine, loggers, taskHub);
    }

    /// <summary>Polls the run until it finishes (the engine's own wait polls every 2 s).</summary>
    public async Task<RunStatus> WaitAsync(string runId, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(2));
        while (true)
        {
            RunStatus? status = await RunStatusReader.ReadAsync(Engine.Client, runId, TimeProvider.System, cts.Token);
            if (status is { IsFinished: true })
            {
                return status;
            }

            await Task.Delay(100, cts.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Engine.DisposeAsync();
        await Simulator.DisposeAsync();
        loggers.Dispose();
    }
}
