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
    readonly IHost worker;
    readonly WebApplication sidecar;
    readonly GrpcChannel channel;
    readonly IOrchestrationService service;

    DurableEngine(IOrchestrationService service, WebApplication sidecar, GrpcChannel channel, IHost worker)
    {
        this.service = service;
        this.sidecar = sidecar;
        this.channel = channel;
        this.worker = worker;
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
        IOrchestrationService service = settings.Kind == EngineKind.InMemory
            ? new SidecarOrchestrationService(new InMemoryOrchestrationService(loggerFactory), settings.Caps)
            : new SidecarOrchestrationService(await CreateAzureStorageAsync(settings, loggerFactory), caps: null);

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
        return new DurableEngine(service, sidecar, channel, worker);
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

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await worker.StopAsync(timeout.Token);
        worker.Dispose();
        await channel.ShutdownAsync();
        channel.Dispose();
        await sidecar.StopAsync(timeout.Token);
        // The sidecar stops its dispatchers, and with them the provider, from a fire-and-forget callback; stopping the
        // provider here (once: see SidecarOrchestrationService) makes sure its leases and queue pollers are released
        // before the process goes.
        await service.StopAsync(isForced: true);
        await sidecar.DisposeAsync();
    }
}
