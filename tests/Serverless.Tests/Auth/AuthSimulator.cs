using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Core.Hosting;
using Serverless.Core.Users;
using Serverless.Simulator;

namespace Serverless.Tests.Auth;

/// <summary>Credentials for one test: the simulator demanding them and the <c>UserApi:Auth</c> settings sending them.</summary>
public sealed record AuthSimulator(string Mode, string Secret)
{
    public static readonly string[] Modes = ["ApiKey", "Bearer", "OAuthClientCredentials"];

    /// <summary>Fresh random values each time, so a match in a scanned text can only be a leak.</summary>
    public static AuthSimulator For(string mode) => new(mode, "s3cr3t-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(12)));

    public const string ClientId = "serverless-tests";

    public const string Header = "X-Test-Key";

    public SimulatorOptions Apply(SimulatorOptions options)
    {
        switch (Mode)
        {
            case "ApiKey":
                options.ApiKey = Secret;
                options.ApiKeyHeader = Header;
                break;
            case "Bearer":
                options.BearerToken = Secret;
                break;
            default:
                options.ClientId = ClientId;
                options.ClientSecret = Secret;
                break;
        }

        return options;
    }

    /// <param name="secret">What the client sends: <see cref="Secret"/> unless a test wants it wrong.</param>
    public Dictionary<string, string?> Settings(ApiSimulator api, string? secret = null)
    {
        secret ??= Secret;
        var settings = new Dictionary<string, string?> { ["UserApi:Auth:Mode"] = Mode };
        if (Mode == "OAuthClientCredentials")
        {
            settings["UserApi:Auth:TokenUrl"] = api.TokenUrl.ToString();
            settings["UserApi:Auth:ClientId"] = ClientId;
            settings["UserApi:Auth:ClientSecret"] = secret;
            settings["UserApi:Auth:Scope"] = "users.read";
        }
        else
        {
            settings["UserApi:Auth:Secret"] = secret;
            settings["UserApi:Auth:HeaderName"] = Header;
        }

        return settings;
    }

    /// <summary>The same settings as environment variables (<c>UserApi__Auth__Mode</c>, …), as the runner and the host read them.</summary>
    public Dictionary<string, string> Environment(ApiSimulator api, string? secret = null) =>
        Settings(api, secret).ToDictionary(kv => kv.Key.Replace(":", "__", StringComparison.Ordinal), kv => kv.Value!);

    /// <summary>A client wired as the app wires it (AddServerlessCore), pointed at <paramref name="api"/>.</summary>
    public static (UserApiClient Client, ServiceProvider Services) Client(ApiSimulator api, Dictionary<string, string?> settings)
    {
        var values = new Dictionary<string, string?>
        {
            ["UserApi:BaseUrl"] = api.BaseUrl.ToString(),
            ["UserApi:RetryBaseDelay"] = "00:00:00.020",
            ["UserApi:AllowLoopback"] = "true",
        };
        foreach ((string key, string? value) in settings)
        {
            values[key] = value;
        }

        ServiceProvider services = new ServiceCollection()
            .AddLogging()
            .AddServerlessCore(new ConfigurationBuilder().AddInMemoryCollection(values).Build())
            .BuildServiceProvider();
        services.GetService<Microsoft.Extensions.Options.IStartupValidator>()?.Validate();
        return (services.GetRequiredService<UserApiClient>(), services);
    }
}
