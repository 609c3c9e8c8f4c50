using Xunit;

namespace Serverless.Tests.Security;

/// <summary>The headers every answer of the HTTP API must carry, in <c>serve</c> and under the Functions host.</summary>
public static class HardeningHeaders
{
    public static void AssertOn(HttpResponseMessage response, string what)
    {
        string Header(string name) =>
            response.Headers.TryGetValues(name, out IEnumerable<string>? values) || response.Content.Headers.TryGetValues(name, out values)
                ? string.Join(", ", values)
                : "";
        Assert.True(Header("X-Content-Type-Options") == "nosniff", $"{what}: X-Content-Type-Options '{Header("X-Content-Type-Options")}'");
        Assert.True(Header("X-Frame-Options") == "DENY", $"{what}: X-Frame-Options '{Header("X-Frame-Options")}'");
        Assert.True(Header("Referrer-Policy") == "no-referrer", $"{what}: Referrer-Policy '{Header("Referrer-Policy")}'");
        string policy = Header("Content-Security-Policy");
        Assert.True(policy.Contains("frame-ancestors 'none'", StringComparison.Ordinal), $"{what}: Content-Security-Policy '{policy}'");
        Assert.True(policy.Contains("default-src 'none'", StringComparison.Ordinal), $"{what}: Content-Security-Policy '{policy}'");
        Assert.DoesNotContain("unsafe-inline", policy);
    }
}
