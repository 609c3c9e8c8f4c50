using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Serverless.Core.Http;

namespace Serverless.Local.Runner;

/// <summary>
/// What <c>serve</c> answers when a handler throws: 503 with Retry-After when the storage behind the engine or the results did
/// not answer (an outage a client should wait out), else 500; both a problem that names no exception, stack, endpoint or
/// connection string. The exception itself goes to serve's log.
/// </summary>
public sealed class ServeFailures(ILogger logger)
{
    /// <summary>How long a client should wait before asking again; an Azurite restart or a storage blip takes seconds.</summary>
    public const int RetryAfterSeconds = 5;

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (Exception e) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            bool unreachable = StorageFailures.MayBeOutage(e);
            context.Response.Clear();
            if (unreachable)
            {
                logger.LogWarning("{Method} {Path}: storage unreachable ({Error})", context.Request.Method, context.Request.Path, e.GetType().Name);
                context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await ServeProblems.WriteAsync(context, Problems.Details(
                    StatusCodes.Status503ServiceUnavailable,
                    $"The storage behind the runs is unreachable; try again in {RetryAfterSeconds} s."));
            }
            else
            {
                logger.LogError(e, "{Method} {Path} failed", context.Request.Method, context.Request.Path);
                await ServeProblems.WriteAsync(context, Problems.Details(
                    StatusCodes.Status500InternalServerError, "The request failed; serve's log says why."));
            }
        }
    }
}
