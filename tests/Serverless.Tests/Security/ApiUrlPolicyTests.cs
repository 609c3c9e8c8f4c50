using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Serverless.Core.Hosting;
using Serverless.Core.Options;
using Serverless.Core.Users;
using Serverless.Simulator;
using Xunit;

namespace Serverless.Tests.Security;

/// <summary>The user API base URL cannot turn the runner into a proxy to internal addresses.</summary>
public sealed class ApiUrlPolicyTests
{
    /// <summary>The options as the app binds them at start; the message of the failure, or null when they start.</summary>
    static string? StartWith(params (string Key, string Value)[] settings)
    {
        IConfiguration configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        using ServiceProvider services = new ServiceCollection().AddLogging().AddServerlessCore(configuration).BuildServiceProvider();
        try
        {
            _ = services.GetRequiredService<IOptions<UserApiOptions>>().Value;
            return null;
        }
        catch (OptionsValidationException e)
        {
            return e.Message;
        }
    }

    [Theory]
    [InlineData("https://api.example.com")]
    [InlineData("https://api.example.com:8443/v2/")]
    [InlineData("https://93.184.216.34")]
    [InlineData("https://[2606:2800:220:1:248:1893:25c8:1946]/")]
    public void Https_to_a_public_host_starts(string url) =>
        Assert.Null(StartWith(("UserApi:BaseUrl", url)));

    [Fact]
    public void Http_to_a_public_host_is_refused_naming_the_setting()
    {
        string? error = StartWith(("UserApi:BaseUrl", "http://api.example.com"));

        Assert.NotNull(error);
        Assert.Contains("UserApi:BaseUrl 'http://api.example.com'", error);
        Assert.Contains("https is required", error);
    }

    [Fact]
    public void Http_to_a_public_host_is_refused_even_in_development() =>
        Assert.Contains("https is required", StartWith(("UserApi:BaseUrl", "http://api.example.com"), ("UserApi:AllowLoopback", "true")));

    [Fact]
    public void A_scheme_other_than_http_is_refused() =>
        Assert.Contains("only https is allowed", new ApiUrlPolicy().CheckBaseUrl("ftp://api.example.com/"));

    [Theory]
    [InlineData("https://10.1.2.3", "private-network")]
    [InlineData("https://172.16.0.1", "private-network")]
    [InlineData("https://172.31.255.254", "private-network")]
    [InlineData("https://192.168.1.10", "private-network")]
    [InlineData("https://100.64.0.1", "private-network")]
    [InlineData("https://[fd12:3456::1]", "private-network")]
    [InlineData("https://169.254.169.254", "link-local")]
    [InlineData("https://[fe80::1]", "link-local")]
    [InlineData("https://[::ffff:169.254.169.254]", "link-local")]
    [InlineData("https://0.0.0.0", "unspecified")]
    [InlineData("https://[::]", "unspecified")]
    public void Private_link_local_and_unspecified_addresses_are_refused_even_in_development(string url, string kind)
    {
        string? error = StartWith(("UserApi:BaseUrl", url), ("UserApi:AllowLoopback", "true"));

        Assert.NotNull(error);
        Assert.Contains("UserApi:BaseUrl", error);
        Assert.Contains(kind, error);
    }

    [Theory]
    [InlineData("https://10.1.2.3")]
    [InlineData("https://[fd12:3456::1]")]
    public void Private_addresses_are_allowed_only_when_the_private_network_is(string url)
    {
        Assert.Null(StartWith(("UserApi:BaseUrl", url), ("UserApi:AllowPrivateNetwork", "true")));
        Assert.Contains("AllowPrivateNetwork", StartWith(("UserApi:BaseUrl", url)));
    }

    [Fact]
    public void The_metadata_service_stays_refused_with_the_private_network_allowed() =>
        Assert.Contains("link-local", StartWith(("UserApi:BaseUrl", "https://169.254.169.254"), ("UserApi:AllowPrivateNetwork", "true")));

    [Theory]
    [InlineData("http://127.0.0.1:5080")]
    [InlineData("http://127.1.2.3:5080")]
    [InlineData("http://[::1]:5080")]
    [InlineData("http://localhost:5080")]
    [InlineData("https://localhost")]
    public void Loopback_is_allowed_only_in_development(string url)
    {
        string? refused = StartWith(("UserApi:BaseUrl", url));
        Assert.NotNull(refused);
        Assert.Contains("UserApi:BaseUrl", refused);
        Assert.Contains("AllowLoopback", refused);

        Assert.Null(StartWith(("UserApi:BaseUrl", url), ("UserApi:AllowLoopback", "true")));
    }

    [Fact]
    public void The_default_base_URL_does_not_start_outside_development() =>
        Assert.Contains("loopback", StartWith());

    [Theory]
    [InlineData("8.8.8.8", ApiUrlPolicy.AddressKind.Public)]
    [InlineData("172.15.255.255", ApiUrlPolicy.AddressKind.Public)]
    [InlineData("172.32.0.1", ApiUrlPolicy.AddressKind.Public)]
    [InlineData("100.128.0.1", ApiUrlPolicy.AddressKind.Public)]
    [InlineData("127.0.0.1", ApiUrlPolicy.AddressKind.Loopback)]
    [InlineData("::1", ApiUrlPolicy.AddressKind.Loopback)]
    [InlineData("::ffff:127.0.0.1", ApiUrlPolicy.AddressKind.Loopback)]
    [InlineData("::ffff:10.0.0.1", ApiUrlPolicy.AddressKind.Private)]
    [InlineData("::10.0.0.1", ApiUrlPolicy.AddressKind.Private)]
    [InlineData("fc00::1", ApiUrlPolicy.AddressKind.Private)]
    [InlineData("febf::1", ApiUrlPolicy.AddressKind.LinkLocal)]
    [InlineData("224.0.0.1", ApiUrlPolicy.AddressKind.Reserved)]
    [InlineData("255.255.255.255", ApiUrlPolicy.AddressKind.Reserved)]
    [InlineData("ff02::1", ApiUrlPolicy.AddressKind.Reserved)]
    public void Addresses_are_classified_by_their_range(string address, ApiUrlPolicy.AddressKind kind) =>
        Assert.Equal(kind, ApiUrlPolicy.Classify(IPAddress.Parse(address)));

    [Fact]
    public async Task The_connect_step_refuses_a_name_that_resolves_to_loopback_unless_development_allows_it()
    {
        await using ApiSimulator api = await ApiSimulator.StartAsync(new SimulatorOptions { LatencyMs = 0 });
        // A DNS name passes the start-up check; what it resolves to is only known when connecting.
        var byName = new Uri($"http://localhost:{api.BaseUrl.Port}/users/1");

        using var guarded = new HttpClient(GuardedConnect.Apply(new SocketsHttpHandler(), new ApiUrlPolicy()));
        HttpRequestException refused = await Assert.ThrowsAsync<HttpRequestException>(() => guarded.GetAsync(byName));
        Assert.Contains("refused to connect to the user API at 'localhost'", refused.ToString());
        Assert.Contains("loopback", refused.ToString());
        Assert.Equal(0, api.Snapshot().Ok);

        using var development = new HttpClient(GuardedConnect.Apply(new SocketsHttpHandler(), new ApiUrlPolicy(AllowLoopback: true)));
        using HttpResponseMessage response = await development.GetAsync(byName);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, api.Snapshot().Ok);
    }
}
