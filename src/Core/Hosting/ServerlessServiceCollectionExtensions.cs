using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Serverless.Core.Articles;
using Serverless.Core.Http;
using Serverless.Core.Options;
using Serverless.Core.Runs;
using Serverless.Core.Storage;
using Serverless.Core.Telemetry;
using Serverless.Core.Terminology;
using Serverless.Core.Users;
using Serverless.Core.Users.Auth;

namespace Serverless.Core.Hosting;

public static class ServerlessServiceCollectionExtensions
{
    /// <summary>The storage connection the Functions host uses too; Azurite when unset.</summary>
    public const string StorageConnectionKey = "AzureWebJobsStorage";

    /// <summary>
    /// Options (validated at start), the user API client with its pipeline, the terminology engine, the result store, the activities.
    /// </summary>
    public static IServiceCollection AddServerlessCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<UserApiOptions>().Bind(configuration.GetSection(UserApiOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<UserApiOptions>, UserApiOptionsValidator>();
        services.AddSingleton<IValidateOptions<UserApiOptions>, UserApiAuthValidator>();
        services.AddOptions<UserFetchOptions>().Bind(configuration.GetSection(UserFetchOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ArticleOptions>().Bind(configuration.GetSection(ArticleOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ResultStoreOptions>()
            .Bind(configuration.GetSection(ResultStoreOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(TimeProvider.System);

        services.AddSingleton<UserApiPipelines>();
        // No BaseAddress: each request is absolute, built from the base URL of the run it is for (UserApiSettings).
        services.AddHttpClient<UserApiClient>(http => http.Timeout = Timeout.InfiniteTimeSpan) // the pipeline owns the timeouts
            .ConfigurePrimaryHttpMessageHandler(sp => GuardedConnect.Apply(
                new SocketsHttpHandler
                {
                    PooledConnectionLifetime = TimeSpan.FromMinutes(2),
                    MaxConnectionsPerServer = 1024,
                    // A user API that redirects is suspect (to an internal address, to file://): the client records where it was
                    // sent and fails that user instead.
                    AllowAutoRedirect = false,
                },
                ApiUrlPolicy.For(sp.GetRequiredService<IOptions<UserApiOptions>>().Value)))
            // Credentials on every attempt (and a second send with a fresh token after a 401, which the metrics below count too).
            .AddHttpMessageHandler(sp => new UserApiCredentialHandler(sp.GetRequiredService<UserApiCredentials>()))
            // Inside the client's pipeline, which wraps each send: counts every attempt on the wire.
            .AddHttpMessageHandler(() => new UserApiMetricsHandler());
        services.AddSingleton<ClientCredentialsTokens>();
        services.AddSingleton<UserApiCredentials>();
        // The token endpoint gets the same connect guard and no redirects; ClientCredentialsTokens bounds each request itself.
        services.AddHttpClient(ClientCredentialsTokens.HttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp => GuardedConnect.Apply(
                new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2), AllowAutoRedirect = false },
                ApiUrlPolicy.For(sp.GetRequiredService<IOptions<UserApiOptions>>().Value)));

        services.AddSingleton(
            _ => new BlobServiceClient(configuration[StorageConnectionKey] is { Length: > 0 } cs ? cs : "UseDevelopmentStorage=true"));
        services.AddSingleton<BlobResultStore>();
        services.AddSingleton<RunItemStore>();
        services.AddSingleton<IRunResultLines, UserResultLines>();
        services.AddSingleton<IRunResultLines, ArticleResultLines>();
        services.AddSingleton<RunResultsWriter>();
        services.AddSingleton<FinishedRunGuard>();
        services.AddSingleton<RunCancelFlag>();
        services.AddSingleton<BatchOutcomeWriter>();
        services.AddSingleton<RunStarter>();
        services.AddSingleton<RunControl>();

        services.AddSingleton<UserFetchStarter>();
        services.AddSingleton<ArticleRunStarter>();
        services.AddSingleton<ArticleCatalog>();
        services.AddSingleton<ArticleUploadHandler>();
        services.AddSingleton<AnalysisGate>();
        services.AddSingleton<ArticleAnalyzer>();
        services.AddTerminology();
        services.AddSingleton<RunsHttpApi>();

        services.AddTransient<FetchUserBatchActivity>();
        services.AddTransient<AnalyzeArticleActivity>();
        services.AddTransient<ReadChunkItemsActivity>();
        services.AddTransient<WriteRunResultsActivity>();
        return services;
    }
}
