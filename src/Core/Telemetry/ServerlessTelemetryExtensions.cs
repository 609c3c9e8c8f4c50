using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Serverless.Core.Telemetry;

public static class ServerlessTelemetryExtensions
{
    /// <summary>The Durable Task SDK's own source: orchestration and activity spans.</summary>
    public const string DurableTaskSource = "Microsoft.DurableTask";

    /// <summary>
    /// Traces (our spans, the Durable Task SDK's orchestration and activity spans, outgoing HTTP) and metrics (our
    /// instruments, HTTP client metrics). No exporter here: the host picks them (Azure Monitor in Azure, the console
    /// locally, in-memory in tests) through <paramref name="exporters"/>.
    /// </summary>
    public static OpenTelemetryBuilder AddServerlessTelemetry(
        this IServiceCollection services,
        IConfiguration configuration,
        string serviceName,
        Action<OpenTelemetryBuilder>? exporters = null)
    {
        OpenTelemetryBuilder builder = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } name ? name : serviceName))
            .WithTracing(tracing => tracing
                .AddSource(ServerlessTelemetry.Name)
                .AddSource(DurableTaskSource)
                .AddSource(FunctionsWorkerSource)
                .AddHttpClientInstrumentation(http => http.FilterHttpRequestMessage = IsPartOfOurWork))
            .WithMetrics(metrics => metrics
                .AddMeter(ServerlessTelemetry.Name)
                .AddHttpClientInstrumentation());
        exporters?.Invoke(builder);
        return builder;
    }

    /// <summary>The Functions worker's invocation spans (an HTTP function's calls hang under them).</summary>
    public const string FunctionsWorkerSource = "Microsoft.Azure.Functions.Worker";

    static readonly string[] OurSources = [ServerlessTelemetry.Name, DurableTaskSource, FunctionsWorkerSource];

    /// <summary>
    /// Keeps the HTTP calls made inside our own work (an activity's calls to the user API and to blob storage, an
    /// HTTP function's) and drops the rest: the storage provider polling its queues and tables several times a
    /// second, and the gRPC streams to the Durable sidecar, would otherwise bury a run's trace. Having a parent is
    /// not enough: the provider's loops inherit the sidecar's request context. The filter runs with the new HTTP
    /// span as <see cref="Activity.Current"/>, so its ancestors are walked.
    /// </summary>
    static bool IsPartOfOurWork(HttpRequestMessage request)
    {
        if (request.Content?.Headers.ContentType?.MediaType?.StartsWith("application/grpc", StringComparison.Ordinal) == true)
        {
            return false;
        }

        for (Activity? ancestor = Activity.Current?.Parent; ancestor is not null; ancestor = ancestor.Parent)
        {
            if (OurSources.Contains(ancestor.Source.Name))
            {
                return true;
            }
        }

        return false;
    }
}
