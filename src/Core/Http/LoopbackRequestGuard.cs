using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace Serverless.Core.Http;

/// <summary>
/// What a keyless API on loopback (the runner's <c>serve</c>) must refuse, since any web page its user has open can send to it:
/// a Host that is not a loopback name (DNS rebinding: attacker.example resolving to 127.0.0.1 reads and starts runs as a
/// same-origin page), an unsafe method from another Origin (CSRF), and a body that is not JSON (a cross-site form or
/// <c>text/plain</c> fetch needs no CORS preflight; <c>application/json</c> does, and serve answers no preflight).
/// The Functions host needs none of this: every route there takes a function key.
/// </summary>
public static class LoopbackRequestGuard
{
    static readonly string[] LoopbackHosts = ["127.0.0.1", "localhost", "[::1]"];

    /// <summary>The problem to answer instead of serving <paramref name="request"/>, or null when it may be served.</summary>
    public static ProblemDetails? Check(HttpRequest request)
    {
        string host = request.Host.Host;
        if (!LoopbackHosts.Contains(host, StringComparer.OrdinalIgnoreCase))
        {
            return Problems.Details(
                StatusCodes.Status400BadRequest,
                $"Host '{Shown(request.Host.Value ?? "")}' is not served: this API answers only requests addressed to 127.0.0.1, " +
                "localhost or [::1].");
        }

        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method))
        {
            return null;
        }

        string ownOrigin = $"{request.Scheme}://{request.Host.Value}";
        if (request.Headers.Origin is { Count: > 0 } origin && !string.Equals(origin.ToString(), ownOrigin, StringComparison.OrdinalIgnoreCase))
        {
            return Problems.Details(
                StatusCodes.Status403Forbidden,
                $"Origin '{Shown(origin.ToString())}' may not {request.Method} here: only pages of {ownOrigin} itself may.");
        }

        return IsJson(request.ContentType) || (request.ContentType is null && !HasBody(request))
            ? null
            : Problems.Details(
                StatusCodes.Status415UnsupportedMediaType,
                $"Content-Type '{Shown(request.ContentType ?? "")}' is not accepted: send the body as application/json " +
                "(curl: -H 'Content-Type: application/json').");
    }

    /// <summary>application/json, or any type with a +json suffix (application/problem+json, …), with or without a charset.</summary>
    static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out MediaTypeHeaderValue? type)
        && (type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || type.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase));

    /// <summary>A body announced by Content-Length or chunked framing; an empty POST (cancel, redrive) carries no type to check.</summary>
    static bool HasBody(HttpRequest request) =>
        request.HttpContext.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody ?? request.ContentLength > 0;

    static string Shown(string value) => value.Length > 100 ? value[..100] + "…" : value;
}
