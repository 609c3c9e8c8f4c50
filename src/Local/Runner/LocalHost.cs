using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using Serverless.Core.Hosting;
using Serverless.Core.Options;
using Serverless.Local.Engine;

namespace Serverless.Local.Runner;

/// <summary>
/// The runner's composition root: configuration as the Functions app sees it (environment variables such as
/// <c>UserApi__MaxConcurrency</c>) over the user secrets, plus command-line overrides, and the engine running Core's tasks.
/// </summary>
public static class LocalHost
{
    public static IConfiguration BuildConfiguration(IDictionary<string, string?> overrides) =>
        new ConfigurationBuilder()
            // Where a developer keeps the user API's credentials (dotnet user-secrets, docs/user-api-auth.md); the environment wins.
            .AddUserSecrets(typeof(LocalHost).Assembly, optional: true)
            .AddEnvironmentVariables()
            .AddInMemoryCollection(overrides)
            .Build();

    public static ILoggerFactory CreateLoggerFactory() =>
        LoggerFactory.Create(logging => logging
            .SetMinimumLevel(LogLevel.Warning)
            // The provider reports recoverable storage hiccups as warnings by the dozen; errors still show.
            .AddFilter("DurableTask", LogLevel.Error)
            .AddFilter("Microsoft.DurableTask", LogLevel.Error)
            .AddConsoleFormatter<OneLineConsoleFormatter, ConsoleFormatterOptions>()
            .AddConsole(console =>
            {
                console.FormatterName = OneLineConsoleFormatter.FormatterName;
                // stdout is the runner's output (progress, JSON lines); logs must never mix into it.
                console.LogToStandardErrorThreshold = LogLevel.Trace;
            }));

    /// <summary>
    /// The checks the engine's host makes of the configuration when it starts (options validated on start, such as the user API's
    /// URL against <see cref="ApiUrlPolicy"/>), made before anything starts.
    /// </summary>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">What is refused, and why.</exception>
    public static void Validate(IConfiguration configuration)
    {
        IConfiguration effective = WithDevelopmentDefaults(configuration);
        var services = new ServiceCollection();
        services.AddSingleton(effective);
        services.AddLogging();
        services.AddServerlessCore(effective);
        using ServiceProvider provider = services.BuildServiceProvider();
        provider.GetService<IStartupValidator>()?.Validate();
    }

    /// <summary>
    /// The runner is a development tool talking to the simulator on 127.0.0.1, so loopback is allowed for the user
    /// API unless the configuration says otherwise (the Functions app in Azure keeps the safe default, see ApiUrlPolicy).
    /// </summary>
    public static IConfiguration WithDevelopmentDefaults(IConfiguration configuration) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                [$"{UserApiOptions.Section}:{nameof(UserApiOptions.AllowLoopback)}"] = "true",
                // The in-process engine drops events carried over by ContinueAsNew, so a request can reach the limiter lost.
                [$"{UserFetchOptions.Section}:{nameof(UserFetchOptions.LimiterAskAgainAfter)}"] = "00:00:05",
            })
            .AddConfiguration(configuration)
            .Build();

    /// <param name="runWorker">False for an engine that only queries and purges: no worker connects, so no pending work runs.</param>
    /// <param name="telemetry">Exporters besides those the environment asks for (see <see cref="LocalTelemetry"/>); tests pass an in-memory
    /// one.</param>
    public static Task<DurableEngine> StartEngineAsync(
        RunnerSettings settings,
        IConfiguration configuration,
        ILoggerFactory loggerFactory,
        CancellationToken cancellationToken,
        bool runWorker = true,
        Action<OpenTelemetryBuilder>? telemetry = null)
    {
        var engine = new EngineSettings
        {
            Kind = settings.Engine,
            StorageConnectionString = settings.Storage,
            TaskHubName = settings.TaskHub,
            Caps = HostJsonCaps.Load(),
            Storage = RunnerControlQueue.Apply(RunnerQueuePolling.Apply(HostJsonStorage.Load())),
            RunWorker = runWorker,
        };
        configuration = WithDevelopmentDefaults(configuration);
        return DurableEngine.StartAsync(
            engine,
            services =>
            {
                services.AddSingleton(configuration);
                services.AddLogging();
                services.AddServerlessCore(configuration);
                LocalTelemetry.Add(services, configuration, telemetry);
            },
            ServerlessTasks.Register,
            loggerFactory,
            cancellationToken);
    }
}
