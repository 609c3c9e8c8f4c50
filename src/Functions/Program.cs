using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Hosting;
using Serverless.Core.Hosting;
using Serverless.Core.Telemetry;
using Serverless.Functions.Storage;

FunctionsApplicationBuilder builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddServerlessCore(builder.Configuration);
builder.Services.AddHostStorageBlobClient(builder.Configuration);
builder.Services.AddServerlessTelemetry(builder.Configuration, "serverless-functions", otel =>
{
    // Function invocation spans and the host's trace context, so worker spans join the host's (host.json: "telemetryMode": "OpenTelemetry").
    otel.UseFunctionsWorkerDefaults();
    // Set by the Bicep deployment in Azure; locally there is nowhere to send to.
    if (!string.IsNullOrEmpty(builder.Configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"]))
    {
        otel.UseAzureMonitorExporter();
    }
});
builder.Build().Run();
