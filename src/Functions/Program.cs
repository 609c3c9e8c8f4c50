using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using Serverless.Core.Hosting;
using Serverless.Functions.Storage;

FunctionsApplicationBuilder builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddServerlessCore(builder.Configuration);
builder.Services.AddHostStorageBlobClient(builder.Configuration);
builder.Build().Run();
