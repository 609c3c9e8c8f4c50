using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Serverless.Tests.Infrastructure;

/// <summary>Builds a request as the Functions host would hand it over, and renders an action result to status, headers and JSON.</summary>
public static class HttpCall
{
    static readonly IServiceProvider Mvc = new ServiceCollection().AddLogging().AddMvcCore().Services.BuildServiceProvider();

    public static HttpRequest Request(string method, string path, string? body = null)
    {
        var context = new DefaultHttpContext { RequestServices = Mvc };
        context.Request.Method = method;
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("localhost", 7071);
        context.Request.Path = path;
        if (body is not null)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(body);
            context.Request.Body = new MemoryStream(bytes);
            context.Request.ContentLength = bytes.Length;
            context.Request.ContentType = "application/json";
        }

        context.Response.Body = new MemoryStream();
        return context.Request;
    }

    public static async Task<Response> RenderAsync(HttpRequest request, IActionResult result)
    {
        HttpContext context = request.HttpContext;
        await result.ExecuteResultAsync(new ActionContext(context, new RouteData(), new ActionDescriptor()));
        context.Response.Body.Position = 0;
        string text = await new StreamReader(context.Response.Body).ReadToEndAsync();
        return new Response(context.Response.StatusCode, context.Response.ContentType, context.Response.Headers.Location.ToString(), text);
    }

    public sealed record Response(int Status, string? ContentType, string Location, string Body)
    {
        public JsonElement Json => JsonDocument.Parse(Body).RootElement;
    }
}
