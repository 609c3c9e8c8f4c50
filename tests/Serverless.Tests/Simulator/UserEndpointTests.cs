using System.Net;
using System.Text.Json;
using Serverless.Simulator;
using Xunit;

namespace Serverless.Tests.Simulator;

[Collection(SimulatorCollection.Name)]
public sealed class UserEndpointTests
{
    private static SimulatorOptions Fast(int seed = 42) => new() { LatencyMs = 0, UserCount = 1000, Seed = seed };

    [Fact]
    public async Task Same_id_returns_identical_json_shaped_like_jsonplaceholder()
    {
        await using var simulator = await ApiSimulator.StartAsync(Fast());
        using var http = SimulatorHttp.ClientFor(simulator);

        var first = await http.GetStringAsync("users/17");
        var second = await http.GetStringAsync("users/17");
        var other = await http.GetStringAsync("users/18");

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);

        using var doc = JsonDocument.Parse(first);
        var root = doc.RootElement;
        Assert.Equal(17, root.GetProperty("id").GetInt32());
        foreach (var field in new[] { "name", "username", "email", "phone", "website" })
        {
            Assert.False(string.IsNullOrWhiteSpace(root.GetProperty(field).GetString()), field);
        }

        Assert.Contains('@', root.GetProperty("email").GetString()!);
        var address = root.GetProperty("address");
        foreach (var field in new[] { "street", "suite", "city", "zipcode" })
        {
            Assert.False(string.IsNullOrWhiteSpace(address.GetProperty(field).GetString()), field);
        }

        Assert.Equal(JsonValueKind.String, address.GetProperty("geo").GetProperty("lat").ValueKind);
        Assert.Equal(JsonValueKind.String, address.GetProperty("geo").GetProperty("lng").ValueKind);
        var company = root.GetProperty("company");
        foreach (var field in new[] { "name", "catchPhrase", "bs" })
        {
            Assert.False(string.IsNullOrWhiteSpace(company.GetProperty(field).GetString()), field);
        }

        // What came over the wire is exactly what the factory computes, so other code can predict it.
        var served = JsonSerializer.Deserialize(first, SimulatorJsonContext.Default.SimulatedUser);
        Assert.Equal(UserFactory.Create(42, 17), served);
    }

    [Fact]
    public async Task Content_depends_on_seed_and_is_stable_across_instances()
    {
        await using var a = await ApiSimulator.StartAsync(Fast(seed: 42));
        await using var b = await ApiSimulator.StartAsync(Fast(seed: 42));
        await using var c = await ApiSimulator.StartAsync(Fast(seed: 43));
        using var httpA = SimulatorHttp.ClientFor(a);
        using var httpB = SimulatorHttp.ClientFor(b);
        using var httpC = SimulatorHttp.ClientFor(c);

        var fromA = await httpA.GetStringAsync("users/5");
        Assert.Equal(fromA, await httpB.GetStringAsync("users/5"));
        Assert.NotEqual(fromA, await httpC.GetStringAsync("users/5"));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("-2147483648")]
    [InlineData("1001")]
    [InlineData("2147483648")]
    [InlineData("abc")]
    public async Task Unknown_zero_negative_and_non_numeric_ids_are_404(string id)
    {
        await using var simulator = await ApiSimulator.StartAsync(Fast());
        using var http = SimulatorHttp.ClientFor(simulator);

        using var response = await http.GetAsync($"users/{id}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var stats = simulator.Snapshot();
        Assert.Equal(1, stats.NotFound);
        Assert.Equal(0, stats.Ok);
    }

    [Fact]
    public async Task Ids_at_both_ends_of_the_range_exist()
    {
        await using var simulator = await ApiSimulator.StartAsync(Fast());
        using var http = SimulatorHttp.ClientFor(simulator);

        using var first = await http.GetAsync("users/1");
        using var last = await http.GetAsync("users/1000");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, last.StatusCode);
        Assert.Equal("application/json", first.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Binds_loopback_only_on_a_free_port()
    {
        await using var a = await ApiSimulator.StartAsync(Fast());
        await using var b = await ApiSimulator.StartAsync(Fast());

        Assert.Equal("127.0.0.1", a.BaseUrl.Host);
        Assert.NotEqual(0, a.BaseUrl.Port);
        Assert.NotEqual(a.BaseUrl.Port, b.BaseUrl.Port);
    }
}
