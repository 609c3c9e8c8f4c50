using Azure.Storage.Blobs;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Core.Hosting;

namespace Serverless.Functions.Storage;

/// <summary>
/// The BlobServiceClient Core writes results with, built from the app's <c>AzureWebJobsStorage</c> connection in
/// either form the Functions host accepts. Core only knows connection strings (local, Azurite); in Azure
/// (infra/bicep) the account has no keys and the connection is identity-based:
/// <c>AzureWebJobsStorage__accountName</c> or <c>__blobServiceUri</c>, <c>__credential=managedidentity</c>, <c>__clientId</c>.
/// </summary>
public static class HostStorageBlobClient
{
    /// <summary>Replaces Core's registration; call after <c>AddServerlessCore</c>.</summary>
    public static IServiceCollection AddHostStorageBlobClient(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddAzureClientsCore();
        return services.AddSingleton(sp => Create(
            configuration.GetSection(ServerlessServiceCollectionExtensions.StorageConnectionKey),
            sp.GetRequiredService<AzureComponentFactory>()));
    }

    public static BlobServiceClient Create(IConfigurationSection connection, AzureComponentFactory components)
    {
        if (connection.Value is { Length: > 0 } connectionString)
        {
            return new BlobServiceClient(connectionString);
        }

        Uri? serviceUri = connection["blobServiceUri"] is { Length: > 0 } uri ? new Uri(uri)
            : connection["accountName"] is { Length: > 0 } account ? new Uri($"https://{account}.blob.core.windows.net")
            : null;

        // Neither form: Azurite, as Core does when the setting is missing.
        return serviceUri is null
            ? new BlobServiceClient("UseDevelopmentStorage=true")
            : new BlobServiceClient(serviceUri, components.CreateTokenCredential(connection));
    }
}
