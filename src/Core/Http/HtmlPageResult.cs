using Microsoft.AspNetCore.Mvc;

namespace Serverless.Core.Http;

/// <summary>An HTML page with its own Content-Security-Policy, which the hosts' default policy for the API does not replace.</summary>
public sealed class HtmlPageResult(string html, string contentSecurityPolicy) : IActionResult
{
    public Task ExecuteResultAsync(ActionContext context)
    {
        context.HttpContext.Response.Headers[SecurityHeaders.ContentSecurityPolicy] = contentSecurityPolicy;
        return new ContentResult { StatusCode = 200, ContentType = "text/html; charset=utf-8", Content = html }.ExecuteResultAsync(context);
    }
}
