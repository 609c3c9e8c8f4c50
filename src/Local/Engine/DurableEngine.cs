using System.Net;
using DurableTask.AzureStorage;
using DurableTask.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing.Sidecar;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Serverless.Local.Engine;

/// <summary>
/// The Durable Task engine without Functions Core Tools: the Durable Task worker and client talk gRPC to a
/// sidecar (<see cref="TaskHubGrpcServer"/> on loopback Kestrel) backed by the Azure Storage provider on Azurite,
/// the same provider Durable Functions uses in Azure, or by the test host's in-memory service.
/// </summary>
public sealed class DurableEngine : IAsyncDisposable
{
    const int MaxMessageBytes = 64 * 1024 * 1024;

    /// <summary>The whole of <see cref="DisposeAsync"/>, whatever the worker, the sidecar or storage do.</summary>
    static readonly TimeSpan StopWithin = TimeSpan.FromSeconds(10);

    readonly IHost worker;
    readonly WebApplication sidecar;
    readonly GrpcChannel channel;
    readonly SidecarOrchestrationService service;
    readonly ILogger logger;

    DurableEngine(SidecarOrchestrationService service, WebApplication sidecar, GrpcChannel channel, IHost worker, ILogger logger)
    {
        this.service = service;
        this.sidecar = sidecar;
        this.channel = channel;
        this.worker = worker;
        this.logger = logger;
        Client = worker.Services.GetRequiredService<DurableTaskClient>();
        Services = worker.Services;
    }

    public DurableTaskClient Client { get; }

    /// <summary>The worker's services: what activities are resolved from.</summary>
    public IServiceProvider Services { get; }

    public static async Task<DurableEngine> StartAsync(
        EngineSettings settings,
        Action<IServiceCollection> configureServices,
        Action<DurableTaskRegistry> registerTasks,
        ILoggerFactory loggerFactory,
        CancellationToken cancellationToken = default)
    {
        ILogger logger = loggerFactory.CreateLogger<DurableEngine>();
        // The in-memory service's locks never lapse; the Azure Storage provider's last the work-item visibility timeout.
        SidecarOrchestrationService service = settings.Kind == EngineKind.InMemory
            ? new SidecarOrchestrationService(
                new InMemoryOrchestrationService(loggerFactory), settings.Caps, renewActivitiesEvery: null, settings.DrainWithin, logger)
            : new SidecarOrchestrationService(
                await CreateAzureStorageAsync(settings, loggerFactory),
                caps: null,
                renewActivitiesEvery: settings.Storage.WorkItemQueueVisibilityTimeout / 3,
                settings.DrainWithin,
                logger);

        int port = FreePort.Next();
        WebApplication sidecar = BuildSidecar(service, port, loggerFactory, settings.RunWorker);
        await sidecar.StartAsync(cancellationToken);

        var channel = GrpcChannel.ForAddress(
            $"http://127.0.0.1:{port}", new GrpcChannelOptions { MaxReceiveMessageSize = MaxMessageBytes, MaxSendMessageSize = MaxMessageBytes });
        HostApplicationBuilder builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggerFactory);
        configureServices(builder.Services);
        if (settings.RunWorker)
        {
            builder.Services.AddDurableTaskWorker(worker =>
            {
                worker.UseGrpc(channel);
                worker.AddTasks(registerTasks);
                worker.Configure(options =>
                {
                    options.Concurrency.MaximumConcurrentActivityWorkItems = settings.Caps.MaxConcurrentActivityFunctions;
                    options.Concurrency.MaximumConcurrentOrchestrationWorkItems = settings.Caps.MaxConcurrentOrchestratorFunctions;
                });
            });
        }

        builder.Services.AddDurableTaskClient(client =>
        {
            client.UseGrpc(channel);
            client.RegisterDirectly();
        });
        IHost worker = builder.Build();
        await worker.StartAsync(cancellationToken);
        return new DurableEngine(service, sidecar, channel, worker, logger);
    }

    static async Task<IOrchestrationService> CreateAzureStorageAsync(EngineSettings settings, ILoggerFactory loggerFactory)
    {
        var storage = new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            StorageAccountClientProvider = new StorageAccountClientProvider(settings.StorageConnectionString),
            TaskHubName = settings.TaskHubName,
            // The lease owner's name. Its default, the machine name, makes every runner on one machine the same owner: each
            // renews the others' partition leases with the token stored in the lease blob, so two processes own one partition.
            WorkerId = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}",
            MaxConcurrentTaskActivityWorkItems = settings.Caps.MaxConcurrentActivityFunctions,
            MaxConcurrentTaskOrchestrationWorkItems = settings.Caps.MaxConcurrentOrchestratorFunctions,
            WorkItemQueueVisibilityTimeout = settings.Storage.WorkItemQueueVisibilityTimeout,
            ControlQueueVisibilityTimeout = settings.Storage.ControlQueueVisibilityTimeout,
            MaxQueuePollingInterval = settings.Storage.MaxQueuePollingInterval,
            PartitionCount = settings.Storage.PartitionCount,
            ControlQueueBatchSize = settings.Storage.ControlQueueBatchSize,
            LoggerFactory = loggerFactory,
        });
        await storage.CreateIfNotExistsAsync();
        return storage;
    }

    static WebApplication BuildSidecar(IOrchestrationService service, int port, ILoggerFactory loggerFactory, bool dispatch)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggerFactory);
        builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.Listen(IPAddress.Loopback, port, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc(grpc =>
        {
            grpc.MaxReceiveMessageSize = MaxMessageBytes;
            grpc.MaxSendMessageSize = MaxMessageBytes;
        });
        builder.Services.AddSingleton(service);
        builder.Services.AddSingleton((IOrchestrationServiceClient)service);
        builder.Services.AddSingleton<TaskHubGrpcServer>();
        // Without a worker the sidecar answers management calls only: its dispatcher would otherwise wait for a
        // worker, and start the provider while the sidecar is shutting down.
        builder.Services.Configure<TaskHubGrpcServerOptions>(options =>
            options.Mode = dispatch ? TaskHubGrpcServerMode.ApiServerAndDispatcher : TaskHubGrpcServerMode.ApiServerOnly);
        WebApplication app = builder.Build();
        app.MapGrpcService<TaskHubGrpcServer>();
        return app;
    }

    /// <summary>
    /// Stops within <see cref="StopWithin"/>: first the held work is drained while the worker is still connected (it stops being
    /// handed work, finishes what it holds for up to <see cref="EngineSettings.DrainWithin"/>, and the rest goes back on its
    /// queues), so that another process on the task hub, running its own run or this one's, never waits out a visibility
    /// timeout for a message this one held; then the provider, the worker and the sidecar stop. A step that overruns is left
    /// behind: the process is leaving, and what it held is back on the queues already.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(StopWithin);
        await BoundedAsync("drain the held work", service.DrainAsync(), timeout.Token);
        // The provider next, while there is time: its partition leases are released, so another process takes its control
        // queues at once rather than when the leases expire. The sidecar stops it too, from a fire-and-forget callback after
        // its dispatchers, which may wait on work the worker never answers; stopping it here (once: see
        // SidecarOrchestrationService) makes sure its leases and queue pollers are released before the process goes.
        await BoundedAsync("stop the provider", service.StopAsync(isForced: true), timeout.Token);
        await BoundedAsync("stop the worker", worker.StopAsync(timeout.Token), timeout.Token);
        worker.Dispose();
        await BoundedAsync("close the channel", channel.ShutdownAsync(), timeout.Token);
        channel.Dispose();
        await BoundedAsync("stop the sidecar", sidecar.StopAsync(timeout.Token), timeout.Token);
        await BoundedAsync("dispose the sidecar", sidecar.DisposeAsync().AsTask(), timeout.Token);
    }

    async Task BoundedAsync(string step, Task task, CancellationToken timeout)
    {
        try
        {
            await task.WaitAsync(timeout);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            logger.LogWarning("The engine did not {Step} within {Seconds} s of stopping; leaving it.", step, StopWithin.TotalSeconds);
        }
    }
}
