using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Serverless.Core.Hosting;
using Serverless.Tests.Infrastructure;
using Xunit;

namespace Serverless.Tests.Auth;

/// <summary>Credentials the client could not send are refused at start-up, naming the setting and never showing a secret.</summary>
public sealed class UserApiAuthValidationTests
{
    const string Secret = "do-not-show-7f3a9c";

    static string? Refusal(Dictionary<string, string?> settings)
    {
        var values = new Dictionary<string, string?> { ["UserApi:BaseUrl"] = "https://api.example.com" };
        foreach ((string key, string? value) in settings)
        {
            values[key] = value;
        }

        using ServiceProvider services = new ServiceCollection()
            .AddLogging()
            .AddServerlessCore(new ConfigurationBuilder().AddInMemoryCollection(values).Build())
            .BuildServiceProvider();
        try
        {
            services.GetRequiredService<IStartupValidator>().Validate();
            return null;
        }
        catch (OptionsValidationException e)
        {
            return e.Message;
        }
    }

    public static TheoryData<string, string, string> Refused => new()
    {
        { "Mode=Basic", "UserApi:Auth:Mode 'Basic' is not a known mode; use None, ApiKey, Bearer, OAuthClientCredentials", "" },
        { "Mode=7", "UserApi:Auth:Mode '7' is not a known mode", "" },
        { "Mode=ApiKey", "UserApi:Auth:Secret (the API key) is required by UserApi:Auth:Mode", "" },
        { "Mode=ApiKey;HeaderName=Bad Header", "UserApi:Auth:HeaderName is not a valid HTTP header name", $"Secret={Secret}" },
        { "Mode=Bearer", "UserApi:Auth:Secret (the bearer token) is required", "" },
        { "Mode=Bearer", "holds a control character", $"Secret={Secret}\r\nX-Evil: 1" },
        { "Mode=OAuthClientCredentials", "UserApi:Auth:TokenUrl is required in OAuthClientCredentials mode", $"ClientId=a;ClientSecret={Secret}" },
        {
            "Mode=OAuthClientCredentials;TokenUrl=https://login.example.com/token",
            "UserApi:Auth:ClientId (the OAuth client id) is required", $"ClientSecret={Secret}"
        },
        {
            "Mode=OAuthClientCredentials;TokenUrl=https://login.example.com/token;ClientId=a",
            "UserApi:Auth:ClientSecret (the OAuth client secret) is required", ""
        },
        {
            "Mode=OAuthClientCredentials;TokenUrl=http://login.example.com/token;ClientId=a",
            "UserApi:Auth:TokenUrl 'http://login.example.com/token' uses http to 'login.example.com'; https is required", $"ClientSecret={Secret}"
        },
        {
            "Mode=OAuthClientCredentials;TokenUrl=https://127.0.0.1:9/token;ClientId=a",
            "UserApi:Auth:TokenUrl 'https://127.0.0.1:9/token' points at 127.0.0.1, a loopback address", $"ClientSecret={Secret}"
        },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Bad_credentials_settings_are_refused_at_start_up_naming_the_setting(string settings, string expected, string secrets)
    {
        Dictionary<string, string?> values = (settings + ";" + secrets).Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(kv => $"UserApi:Auth:{kv[0]}", kv => (string?)kv[1]);

        string? refusal = Refusal(values);

        Assert.NotNull(refusal);
        Assert.Contains(expected, refusal);
        Assert.DoesNotContain(Secret, refusal);
    }

    [Fact]
    public void A_token_url_carrying_a_secret_in_its_query_is_shown_without_it()
    {
        string? refusal = Refusal(new()
        {
            ["UserApi:Auth:Mode"] = "OAuthClientCredentials",
            ["UserApi:Auth:TokenUrl"] = $"http://login.example.com/token?key={Secret}",
            ["UserApi:Auth:ClientId"] = "a",
            ["UserApi:Auth:ClientSecret"] = "b",
        });

        Assert.NotNull(refusal);
        Assert.Contains("UserApi:Auth:TokenUrl 'http://login.example.com/token'", refusal);
        Assert.DoesNotContain(Secret, refusal);
    }

    [Theory]
    [InlineData("None")]
    [InlineData("apikey")]
    [InlineData("")]
    public void Valid_settings_start(string mode)
    {
        Assert.Null(Refusal(new() { ["UserApi:Auth:Mode"] = mode, ["UserApi:Auth:Secret"] = Secret }));
    }

    [Fact]
    public async Task The_runner_refuses_an_unknown_mode_from_the_environment_before_starting_anything()
    {
        using RunnerProcess runner = RunnerProcess.Start(
            new Dictionary<string, string> { ["UserApi__Auth__Mode"] = "Kerberos", ["UserApi__Auth__Secret"] = Secret },
            "users", "--count", "1", "--json", "--task-hub", Azurite.NewTaskHub("a"));
        List<string> stdout = await runner.ReadAllLinesAsync(TimeSpan.FromMinutes(1));
        int code = await runner.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.NotEqual(0, code);
        Assert.Contains("UserApi:Auth:Mode 'Kerberos' is not a known mode", runner.StandardError);
        Assert.DoesNotContain(Secret, runner.StandardError + string.Join('\n', stdout));
    }

    [Fact]
    public async Task The_runner_reads_credentials_from_user_secrets_too()
    {
        // APPDATA, when set, is where dotnet user-secrets keeps its files, on every OS.
        DirectoryInfo appData = Directory.CreateTempSubdirectory("user-secrets-");
        try
        {
            string folder = Path.Combine(appData.FullName, "Microsoft", "UserSecrets", "serverless-local-runner");
            Directory.CreateDirectory(folder);
            await File.WriteAllTextAsync(
                Path.Combine(folder, "secrets.json"), $"{{ \"UserApi:Auth:Mode\": \"Bearer\", \"UserApi:Auth:Secret\": \" {Secret}\" }}");
            using RunnerProcess runner = RunnerProcess.Start(
                new Dictionary<string, string> { ["APPDATA"] = appData.FullName },
                "users", "--count", "1", "--json", "--task-hub", Azurite.NewTaskHub("a"));
            List<string> stdout = await runner.ReadAllLinesAsync(TimeSpan.FromMinutes(1));
            int code = await runner.WaitForExitAsync(TimeSpan.FromSeconds(30));

            // The secret's leading space is refused: proof the runner read the file, and that it says so without the value.
            Assert.NotEqual(0, code);
            Assert.Contains("UserApi:Auth:Secret (the bearer token) holds a control character or surrounding whitespace", runner.StandardError);
            Assert.DoesNotContain(Secret, runner.StandardError + string.Join('\n', stdout));
        }
        finally
        {
            appData.Delete(recursive: true);
        }
    }
}
