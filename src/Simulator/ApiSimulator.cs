using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Serverless.Simulator;

/// <summary>
/// A real Kestrel server standing in for the rate-limited third-party user API, so clients are tested
/// against genuine HTTP behaviour (connections, status codes, headers, timing) rather than a mocked handler.
/// </summary>
public sealed class ApiSimulator : IAsyncDisposable
{
    // Long enough for in-flight requests with normal latencies to finish, short enough that a test
    // disposing a simulator mid-load is not held up; Kestrel aborts what remains, cancelling their delays.
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(2);

    private readonly WebApplication _app;
    private readonly SimulatorEngine _engine;
    private int _disposed;

    private ApiSimulator(WebApplication app, SimulatorEngine engine, Uri baseUrl)
    {
        _app = app;
        _engine = engine;
        BaseUrl = baseUrl;
    }

    /// <summary>Root of the API, e.g. <c>http://127.0.0.1:5080/</c>; relative paths like <c>users/1</c> resolve against it.</summary>
    public Uri BaseUrl { get; }

    /// <summary>
    /// Starts listening on 127.0.0.1 only; <paramref name="port"/> 0 lets the OS pick a free port, which keeps parallel tests apart.
    /// </summary>
    public static async Task<ApiSimulator> StartAsync(SimulatorOptions options, int port = 0, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, IPEndPoint.MaxPort);
        var settings = options.Clone();
        settings.Validate();

        var engine = new SimulatorEngine(settings);

        // The empty builder reads no appsettings or environment (ASPNETCORE_URLS etc.), so the host
        // process's configuration cannot change what a test or benchmark gets.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, port);
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxConcurrentConnections = null;
            kestrel.Limits.MaxConcurrentUpgradedConnections = null;
            // The API takes no bodies; a small cap keeps a misbehaving client from costing memory.
            kestrel.Limits.MaxRequestBodySize = 4096;
        });
        builder.Services.AddRoutingCore();
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = StopGrace);
        // Warnings only: per-request logging would make the simulator, not the client, the bottleneck.
        // On stderr: stdout belongs to whoever hosts the simulator (the runner's JSON lines, the CLI's base URL).
        builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning);
        // A failed start (port in use) is thrown to the caller, which words it; the host's own log of it would be a second, raw copy.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);

        var app = builder.Build();
        SimulatorEndpoints.Map(app, engine);

        try
        {
            await app.StartAsync(ct);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("Kestrel reported no listening address.");
        return new ApiSimulator(app, engine, new Uri(address.TrimEnd('/') + "/"));
    }

    /// <summary>Counters since start or the last reset, including per-id 200 counts.</summary>
    public SimulatorStats Snapshot() => _engine.Snapshot(includeHits: true);

    /// <summary>Counters only; cheaper than <see cref="Snapshot"/> when per-id counts are not needed (it skips copying them).</summary>
    public SimulatorStats SnapshotCounters() => _engine.Snapshot(includeHits: false);

    /// <summary>Live 200 count for one id, without copying all of them.</summary>
    public int OkHitsFor(int id) => _engine.HitsFor(id);

    /// <summary>Zeroes counters and per-id hits; MaxInFlight restarts from what is in flight now. Ban state is left alone.</summary>
    public void ResetStats() => _engine.ResetStats();

    /// <summary>Stats reset plus lifting any ban and restarting the fault and jitter sequences: a clean slate between runs.</summary>
    public void Reset() => _engine.Reset();

    /// <summary>Lifts a ban early and forgets the overload window.</summary>
    public void LiftBan() => _engine.LiftBan();

    /// <summary>Takes effect for the next arrival; requests already admitted keep their slots (0 = unlimited).</summary>
    public void SetConcurrencyLimit(int limit) => _engine.SetConcurrencyLimit(limit);

    /// <summary>Changes the service time for requests that reach the latency step from now on.</summary>
    public void SetLatency(int latencyMs, int jitterMs = 0) => _engine.SetLatency(latencyMs, jitterMs);

    /// <summary>Changes the injected server-error fraction (0..1) from the next request on.</summary>
    public void SetErrorRate(double errorRate) => _engine.SetErrorRate(errorRate);

    /// <summary>Every issued access token stops working (401) from now on; new ones can be fetched.</summary>
    public void RevokeTokens() => _engine.Auth.RevokeTokens();

    /// <summary>Makes the token endpoint fail (or work again) from the next request on.</summary>
    public void SetTokenEndpointFault(TokenEndpointFault fault) => _engine.Auth.SetTokenEndpointFault(fault);

    /// <summary>The token endpoint, <c>{BaseUrl}oauth/token</c>, answering when <see cref="SimulatorOptions.ClientId"/> is set.</summary>
    public Uri TokenUrl => new(BaseUrl, SimulatorAuth.TokenPath.TrimStart('/'));

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        using (var grace = new CancellationTokenSource(StopGrace))
        {
            await _app.StopAsync(grace.Token);
        }

        await _app.DisposeAsync();
    }
}
