using System.Text.Json;
using Serverless.Core.Http;
using Serverless.Tests.Infrastructure;
using Xunit;

namespace Serverless.Tests.Security;

/// <summary>The Functions host sends the headers host.json lists; they must be the ones <c>serve</c> sends.</summary>
public sealed class HostJsonHeadersTests
{
    [Fact]
    public void Host_json_sends_the_same_hardening_headers_as_serve()
    {
        using JsonDocument hostJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "host.json")));
        Dictionary<string, string> configured = hostJson.RootElement.GetProperty("extensions").GetProperty("http").GetProperty("customHeaders")
            .EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);

        Assert.Equal(SecurityHeaders.Common.OrderBy(h => h.Key), configured.OrderBy(h => h.Key));
    }
}
