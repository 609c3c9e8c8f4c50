using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging.Abstractions;
using Serverless.Core.Http;
using Serverless.Local.Runner;
using Serverless.Simulator;
using Xunit;

namespace Serverless.Tests.Infrastructure;

/// <summary>The runner's <c>serve</c> API on Kestrel (a free loopback port) over a real engine and simulator, shared by a class.</summary>
public sealed class ServeFixture : IAsyncLifetime
{
    public EngineHarness Harness { get; private set; } = null!;

    public RunsApiServer.Started Server { get; private set; } = null!;

    /// <summary>A plain client of the server: no Origin, Host as the base URL says.</summary>
    public HttpClient Http { get; private set; } = null!;

    public DurableTaskClient Client => Harness.Engine.Client;

    /// <summary>The origin a page served by the server has, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string Origin => Server.BaseUrl.GetLeftPart(UriPartial.Authority);

    public async Task InitializeAsync()
    {
        Harness = await EngineHarness.StartAsync(new SimulatorOptions { LatencyMs = 10, ConcurrencyLimit = 0 });
        Server = await RunsApiServer.StartAsync(
            Harness.Get<RunsHttpApi>(), Harness.Engine.Client, 0, NullLoggerFactory.Instance, CancellationToken.None);
        Http = new HttpClient { BaseAddress = Server.BaseUrl, Timeout = TimeSpan.FromSeconds(60) };
    }

    public async Task<int> CountInstancesAsync()
    {
        int count = 0;
        await foreach (OrchestrationMetadata _ in Client.GetAllInstancesAsync(new OrchestrationQuery()))
        {
            count++;
        }

        return count;
    }

    public async Task DisposeAsync()
    {
        Http?.Dispose();
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }

        if (Harness is not null)
        {
            await Harness.DisposeAsync();
        }
    }
}
