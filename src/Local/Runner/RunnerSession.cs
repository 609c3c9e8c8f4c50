using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Serverless.Local.Engine;
using Serverless.Simulator;

namespace Serverless.Local.Runner;

/// <summary>
/// What every engine-backed command starts with, in one order: a storage connection string, Azurite reachable, the simulator
/// unless <c>--api</c> (when the command calls the user API), the configuration (checked before anything starts), then the
/// engine. Disposing stops them in reverse; <see cref="RunAsync"/> bounds how long that may take.
/// </summary>
public sealed class RunnerSession : IAsyncDisposable
{
    /// <summary>
    /// The stop after a command's work is done: longer than the engine's own bound on its stop (which drains the work items it
    /// holds), so that is not cut short; a stop that overruns it is left behind, whatever storage does.
    /// </summary>
    public static readonly TimeSpan StopWithin = TimeSpan.FromSeconds(20);

    /// <summary>
    /// The stop after a shutdown signal or a storage outage: room for the engine to put back or finish the work items it holds
    /// (a few seconds) and release its leases, and short enough that the process exits within 10 s of the signal (ShutdownSignals).
    /// </summary>
    public static readonly TimeSpan QuickStopWithin = TimeSpan.FromSeconds(6);

    readonly ILoggerFactory loggers;

    RunnerSession(
        RunnerSettings settings,
        ApiSimulator? simulator,
        string? api,
        IConfiguration configuration,
        ILoggerFactory loggers,
        DurableEngine engine,
        StorageRetry storage)
    {
        Settings = settings;
        Simulator = simulator;
        Api = api;
        Configuration = configuration;
        this.loggers = loggers;
        Engine = engine;
        Storage = storage;
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

    /// <summary>Storage calls that wait out a storage outage (for <see cref="RunnerSettings.StorageRetryFor"/>).</summary>
    public StorageRetry Storage { get; }

    public T Get<T>() where T : notnull => Engine.Services.GetRequiredService<T>();

    /// <summary>A command's body on a started session, which is stopped afterwards; exit code 2 when Azurite is not running.</summary>
    public static async Task<int> RunAsync(
        RunnerSettings settings, RunnerSessionOptions options, Func<RunnerSession, Task<int>> body, CancellationToken cancellationToken)
    {
        RunnerSession? session = await StartAsync(settings, options, cancellationToken);
        if (session is null)
        {
            return ExitCodes.Usage;
        }

        bool storageGone = false;
        try
        {
            return await body(session);
        }
        catch (StorageUnreachableException)
        {
            storageGone = true;
            throw;
        }
        finally
        {
            await session.StopAsync(storageGone || cancellationToken.IsCancellationRequested ? QuickStopWithin : StopWithin);
        }
    }

    /// <summary>Disposes the session, or leaves it behind after <paramref name="within"/> with a line on stderr.</summary>
    public async Task StopAsync(TimeSpan within)
    {
        Task stopping = DisposeAsync().AsTask();
        if (await Task.WhenAny(stopping, Task.Delay(within)) != stopping)
        {
            Console.Error.WriteLine($"The engine did not stop within {within.TotalSeconds:F0} s; leaving without it.");
        }
    }

    /// <summary>The started session, or null after saying that Azurite is not running.</summary>
    /// <exception cref="CommandFailedException">The storage connection string is not one.</exception>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The configuration is refused (a user API URL the
    /// policy forbids, …); nothing has started.</exception>
    public static async Task<RunnerSession?> StartAsync(RunnerSettings settings, RunnerSessionOptions options, CancellationToken cancellationToken)
    {
        var storage = new StorageRetry(new StorageProbe(settings.Storage), settings.StorageRetryFor, Console.Error, TimeProvider.System);
        if (settings.ApiBaseUrl is { } requested)
        {
            // Before the simulator, the engine and its storage: a refused URL (OptionsValidationException) leaves nothing behind.
            LocalHost.Validate(ConfigurationFor(settings, options, requested));
        }

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
            IConfiguration configuration = ConfigurationFor(settings, options, api);
            loggers = LocalHost.CreateLoggerFactory();
            DurableEngine engine = await LocalHost.StartEngineAsync(settings, configuration, loggers, cancellationToken, options.RunWorker);
            return new RunnerSession(settings, simulator, api, configuration, loggers, engine, storage);
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

    static IConfiguration ConfigurationFor(RunnerSettings settings, RunnerSessionOptions options, string? api)
    {
        var overrides = new Dictionary<string, string?> { ["AzureWebJobsStorage"] = settings.Storage };
        if (api is not null)
        {
            UserRuns.AddOverrides(overrides, api, options.MaxConcurrency);
        }

        options.Overrides?.Invoke(overrides);
        return LocalHost.BuildConfiguration(overrides);
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
