using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Core.Hosting;
using Serverless.Functions.Storage;
using Xunit;

namespace Serverless.Tests.Functions;

/// <summary>The Functions app's result-store client follows AzureWebJobsStorage in both forms: connection string and identity-based.</summary>
public sealed class HostStorageBlobClientTests
{
    static BlobServiceClient Resolve(Dictionary<string, string?> settings)
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        ServiceProvider services = new ServiceCollection()
            .AddLogging()
            .AddServerlessCore(configuration)
            .AddHostStorageBlobClient(configuration)
            .BuildServiceProvider();
        return services.GetRequiredService<BlobServiceClient>();
    }

    [Fact]
    public void The_identity_based_settings_infra_deploys_point_the_client_at_the_account_without_a_key()
    {
        BlobServiceClient client = Resolve(new()
        {
            ["AzureWebJobsStorage:accountName"] = "srvlessabc123",
            ["AzureWebJobsStorage:credential"] = "managedidentity",
            ["AzureWebJobsStorage:clientId"] = Guid.NewGuid().ToString(),
        });

        Assert.Equal(new Uri("https://srvlessabc123.blob.core.windows.net/"), client.Uri);
        Assert.Equal("srvlessabc123", client.AccountName);
        Assert.False(client.CanGenerateAccountSasUri); // token credential, no shared key
    }

    [Fact]
    public void An_explicit_blob_service_uri_wins_over_the_account_name()
    {
        BlobServiceClient client = Resolve(new()
        {
            ["AzureWebJobsStorage:accountName"] = "ignored",
            ["AzureWebJobsStorage:blobServiceUri"] = "https://sovereign.blob.core.example/",
            ["AzureWebJobsStorage:credential"] = "managedidentity",
        });

        Assert.Equal(new Uri("https://sovereign.blob.core.example/"), client.Uri);
    }

    [Theory]
    [InlineData("UseDevelopmentStorage=true")]
    [InlineData(null)]
    public void A_connection_string_or_nothing_keeps_the_local_Azurite_behaviour(string? connectionString)
    {
        BlobServiceClient client = Resolve(new() { ["AzureWebJobsStorage"] = connectionString });

        Assert.Equal("devstoreaccount1", client.AccountName);
        Assert.Equal(10000, client.Uri.Port);
    }

    [Fact]
    public void The_managed_identity_client_id_selects_the_user_assigned_identity()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage:credential"] = "managedidentity",
            ["AzureWebJobsStorage:clientId"] = "11111111-2222-3333-4444-555555555555",
        }).Build();
        var services = new ServiceCollection().AddLogging();
        Microsoft.Extensions.Azure.AzureClientServiceCollectionExtensions.AddAzureClientsCore(services);
        var components = services.BuildServiceProvider().GetRequiredService<Microsoft.Extensions.Azure.AzureComponentFactory>();

        // Not DefaultAzureCredential: on the app it would have to guess between identities.
        Assert.Equal("ManagedIdentityCredential", components.CreateTokenCredential(configuration.GetSection("AzureWebJobsStorage")).GetType().Name);
    }
}
