using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Serverless.Core.Hosting;
using Serverless.Local.Engine;
using Serverless.Local.Runner;
using Serverless.Tests.Infrastructure;

namespace Serverless.Tests.Reliability;

/// <summary>
/// An engine of the runner's make (Core's tasks on the Azure Storage provider on Azurite) with queue settings of the test's
/// choosing, such as a work-item visibility timeout shorter than an activity; several may share one task hub.
/// </summary>
static class ReliabilityEngines
{
    public static Task<DurableEngine> StartAsync(
        string taskHub, string api, HostJsonStorage storage, ILoggerFactory loggers, IDictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["UserApi:BaseUrl"] = api,
            ["AzureWebJobsStorage"] = Azurite.ConnectionString,
        };
        foreach ((string key, string? value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        IConfiguration configuration = LocalHost.WithDevelopmentDefaults(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
        var engine = new EngineSettings
        {
            StorageConnectionString = Azurite.ConnectionString,
            TaskHubName = taskHub,
            Storage = storage,
        };
        return DurableEngine.StartAsync(
            engine,
            services =>
            {
                services.AddSingleton(configuration);
                services.AddLogging();
                services.AddServerlessCore(configuration);
            },
            ServerlessTasks.Register,
            loggers);
    }
}
