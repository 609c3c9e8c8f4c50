using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Serverless.Local.Engine;
using Serverless.Simulator;

namespace Serverless.Local.Runner;

/// <summary>
/// What every engine-backed command starts with, in one order: Azurite reachable, the simulator unless <c>--api</c>
/// (when the command calls the user API), the configuration, then the engine. Disposing stops them in reverse.
/// </summary>
public sealed class RunnerSession : IAsyncDisposable
{
    readonly ILoggerFactory loggers;

    RunnerSession(
        RunnerSettings settings, ApiSimulator? simulator, string? api, IConfiguration configuration, ILoggerFactory loggers, DurableEngine engine)
    {
        Settings = settings;
        Simulator = simulator;
        Api = api;
        Configuration = configuration;
        this.loggers = loggers;
        Engine = engine;
    }

    public RunnerSettings Settings { get; }

    /// <summary>The bundled simulator this session started; null with <c>--api</c> or when the command needs no user API.</summary>
    public ApiSimulator? Simulator { get; }

    /// <summary>The user API's base URL the runs call, when there is one.</summary>
    public string? Api { get; }

    public IConfiguration Configuration { get; }

    public ILoggerFactory Loggers => loggers;

    public DurableEngine Engine { get; }

    public DurableTaskClient Client => Engine.Client;

    public IServiceProvider Services => Engine.Services;

    public T Get<T>() where T : notnull => Engine.Services.GetRequiredService<T>();

    /// <summary>A command's body on a started session, which is stopped afterwards; exit code 2 when Azurite is not running.</summary>
    public static async Task<int> RunAsync(
        RunnerSettings settings, RunnerSessionOptions options, Func<RunnerSession, Task<int>> body, CancellationToken cancellationToken)
    {
        await using RunnerSession? session = await StartAsync(settings, options, cancellationToken);
        return session is null ? 2 : await body(session);
    }

    /// <summary>The started session, or null after saying that Azurite is not running.</summary>
    public static async Task<RunnerSession?> StartAsync(RunnerSettings settings, RunnerSessionOptions options, CancellationToken cancellationToken)
    {
        if (!await StorageCheck.EnsureAzuriteAsync(settings.Storage, cancellationToken))
        {
            return null;
        }

        ApiSimulator? simulator = options.Simulator is { } simulated && settings.ApiBaseUrl is null
            ? await ApiSimulator.StartAsync(simulated, 0, cancellationToken)
            : null;
        ILoggerFactory? loggers = null;
        try
        {
            string? api = settings.ApiBaseUrl ?? simulator?.BaseUrl.ToString();
            var overrides = new Dictionary<string, string?> { ["AzureWebJobsStorage"] = settings.Storage };
            if (api is not null)
            {
                UserRuns.AddOverrides(overrides, api, options.MaxConcurrency);
            }

            options.Overrides?.Invoke(overrides);
            IConfiguration configuration = LocalHost.BuildConfiguration(overrides);
            loggers = LocalHost.CreateLoggerFactory();
            DurableEngine engine = await LocalHost.StartEngineAsync(settings, configuration, loggers, cancellationToken, options.RunWorker);
            return new RunnerSession(settings, simulator, api, configuration, loggers, engine);
        }
        catch
        {
            loggers?.Dispose();
            if (simulator is not null)
            {
                await simulator.DisposeAsync();
            }

            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Engine.DisposeAsync();
        loggers.Dispose();
        if (Simulator is not null)
        {
            await Simulator.DisposeAsync();
        }
    }
}
