using System.Globalization;
using Microsoft.AspNetCore.Mvc;

namespace Serverless.Core.Http;

/// <summary>
/// A 202 for work still under way, as clients that poll long jobs expect it (the async request-reply convention): <c>Location</c>
/// is the URL to poll and <c>Retry-After</c> the whole seconds to wait first; such a client stops at the first answer that is not
/// a 202. The body is whatever the caller gives, so a status answers with the same body shape running and finished.
/// </summary>
public sealed class PollAgainResult : ObjectResult
{
    public PollAgainResult(string location, int retryAfterSeconds, object? body)
        : base(body)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retryAfterSeconds, 1);
        StatusCode = 202;
        Location = location;
        RetryAfterSeconds = retryAfterSeconds;
    }

    public string Location { get; }

    public int RetryAfterSeconds { get; }

    public override Task ExecuteResultAsync(ActionContext context)
    {
        var headers = context.HttpContext.Response.Headers;
        headers.Location = Location;
        headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return base.ExecuteResultAsync(context);
    }
}
