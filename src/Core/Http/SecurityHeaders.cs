using Microsoft.AspNetCore.Http;

namespace Serverless.Core.Http;

/// <summary>
/// Hardening headers every response of the HTTP API carries (JSON, problems, files, 404s and the status page), in the runner's
/// <c>serve</c> and under the Functions host (host.json's <c>extensions.http.customHeaders</c>, which a test keeps equal to
/// <see cref="Common"/>). Nothing the API serves is meant to be framed, sniffed into another type, or told where it was linked
/// from; only the status page runs anything, and it sets its own stricter policy (<see cref="StatusPage.PagePolicy"/>).
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy = "Content-Security-Policy";

    /// <summary>For responses that are not the page (JSON, files): nothing in them may load, run or be framed.</summary>
    public const string DefaultPolicy = "default-src 'none'; frame-ancestors 'none'";

    public static IReadOnlyDictionary<string, string> Common { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["X-Content-Type-Options"] = "nosniff",
        ["X-Frame-Options"] = "DENY",
        ["Referrer-Policy"] = "no-referrer",
        [ContentSecurityPolicy] = DefaultPolicy,
    };

    /// <summary>Adds each header the response does not set itself (the page's own policy wins over the default one).</summary>
    public static void AddMissing(IHeaderDictionary headers)
    {
        foreach ((string name, string value) in Common)
        {
            headers.TryAdd(name, value);
        }
    }
}
