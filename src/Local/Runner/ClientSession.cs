using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Serverless.Local.Engine;

namespace Serverless.Local.Runner;

/// <summary>An engine with a client and no worker: it reads and purges the task hub and runs nothing.</summary>
public sealed class ClientSession : IAsyncDisposable
{
    readonly ILoggerFactory loggers;
    readonly DurableEngine engine;

    ClientSession(ILoggerFactory loggers, DurableEngine engine)
    {
        this.loggers = loggers;
        this.engine = engine;
    }

    public DurableTaskClient Client => engine.Client;

    public IServiceProvider Services => engine.Services;

    public static async Task<ClientSession> StartAsync(RunnerSettings settings, CancellationToken cancellationToken)
    {
        IConfiguration configuration = LocalHost.BuildConfiguration(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = settings.Storage });
        ILoggerFactory loggers = LocalHost.CreateLoggerFactory();
        try
        {
            DurableEngine engine = await LocalHost.StartEngineAsync(settings, configuration, loggers, cancellationToken, runWorker: false);
            return new ClientSession(loggers, engine);
        }
        catch
        {
            loggers.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await engine.DisposeAsync();
        loggers.Dispose();
    }
}
