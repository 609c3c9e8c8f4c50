using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;

namespace Serverless.Simulator;

/// <summary>
/// Writes a small JSON body with a Content-Length instead of chunked encoding: bodies here are a few
/// hundred bytes, and a sized response is one write for Kestrel and simpler framing for every client.
/// </summary>
internal static class JsonBody
{
    public static Task WriteAsync<T>(HttpContext context, T value, JsonTypeInfo<T> typeInfo)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(value, typeInfo);
        var response = context.Response;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = bytes.Length;
        // No cancellation token: Kestrel discards writes to a connection the client has closed, whereas a
        // cancelled token would throw and be logged as an application error for a perfectly normal event.
        return response.Body.WriteAsync(bytes).AsTask();
    }
}
