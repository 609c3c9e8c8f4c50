using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Serverless.Core.Hosting;
using Serverless.Core.Telemetry;
using Serverless.Functions.Storage;

FunctionsApplicationBuilder builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
// The worker's logs go to the host, which prints them: five lines per user API call (HttpClient's four, Polly's
// successful attempt) would bury the rest. Retries and failures are warnings, so they still show.
builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
builder.Logging.AddFilter("Polly", LogLevel.Warning);
builder.Services.AddServerlessCore(builder.Configuration);
builder.Services.AddHostStorageBlobClient(builder.Configuration);
builder.Services.AddServerlessTelemetry(builder.Configuration, "serverless-functions", otel =>
{
    // Set by the Bicep deployment in Azure; locally there is nowhere to send to.
    if (!string.IsNullOrEmpty(builder.Configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"]))
    {
        // The worker's defaults tell the host to drop the worker's logs (the worker exports them itself, with its
        // invocation spans and the host's trace context), so they are only turned on where an exporter takes them:
        // without one, our ILogger lines would vanish from the host's console and log stream.
        otel.UseFunctionsWorkerDefaults();
        otel.UseAzureMonitorExporter();
    }
});
builder.Build().Run();
