using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Serverless.Core.Telemetry;

namespace Serverless.Local.Runner;

/// <summary>
/// The runner's telemetry: off unless asked for, because the console exporter writes to stdout, which is the
/// runner's own output. Asked for with the standard variables <c>OTEL_TRACES_EXPORTER=console</c> and/or
/// <c>OTEL_METRICS_EXPORTER=console</c>, or by a test handing in its own exporter.
/// </summary>
public static class LocalTelemetry
{
    public const string ServiceName = "serverless-runner";

    public static void Add(IServiceCollection services, IConfiguration configuration, Action<OpenTelemetryBuilder>? exporters)
    {
        bool traces = AsksForConsole(configuration["OTEL_TRACES_EXPORTER"]);
        bool metrics = AsksForConsole(configuration["OTEL_METRICS_EXPORTER"]);
        if (!traces && !metrics && exporters is null)
        {
            return;
        }

        services.AddServerlessTelemetry(configuration, ServiceName, otel =>
        {
            if (traces)
            {
                otel.WithTracing(tracing => tracing.AddConsoleExporter());
            }

            if (metrics)
            {
                otel.WithMetrics(meters => meters.AddConsoleExporter());
            }

            exporters?.Invoke(otel);
        });
    }

    /// <summary>The variables take a comma-separated list of exporter names.</summary>
    static bool AsksForConsole(string? value) =>
        value?.Split(',', StringSplitOptions.TrimEntries).Contains("console", StringComparer.OrdinalIgnoreCase) == true;
}
