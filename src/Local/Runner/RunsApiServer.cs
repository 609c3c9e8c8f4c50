using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Serverless.Core.Http;

namespace Serverless.Local.Runner;

/// <summary>
/// The Functions app's HTTP API on Kestrel, over the same <see cref="RunsHttpApi"/> handlers, for <c>serve</c> and for tests.
/// No function keys here: it listens on loopback only, and refuses what a web page in the user's browser could send it
/// (<see cref="LoopbackRequestGuard"/>). Every answer, its own errors included, carries <see cref="SecurityHeaders"/> and,
/// unless it is a success, a problem body.
/// </summary>
public static class RunsApiServer
{
    /// <summary>The longest path and query served; a longer one is a 414 problem (at most the default request line of Kestrel).</summary>
    public const int MaxUrlChars = 8 * 1024;

    /// <summary>
    /// Kestrel answers a request line over its own limit itself, with an empty 414; above <see cref="MaxUrlChars"/> so that up to
    /// this the pipeline answers instead, with a problem.
    /// </summary>
    const int KestrelMaxRequestLineBytes = 1024 * 1024;

    /// <summary>Maps every route of <see cref="RunRoutes"/> (under <c>/api</c>) to <paramref name="api"/> with <paramref name="client"/>.</summary>
    public static IEndpointRouteBuilder MapRunsApi(this IEndpointRouteBuilder routes, RunsHttpApi api, DurableTaskClient client)
    {
        foreach (RunRoute route in RunRoutes.All)
        {
            Func<HttpRequest, RouteValueDictionary, CancellationToken, Task<IActionResult>> handler = Handler(route.Name, api, client);
            routes.MapMethods(
                    $"/{RunRoutes.Prefix}/{route.Template}",
                    [route.Method.ToUpperInvariant()],
                    async (HttpRequest request, CancellationToken ct) => Adapt(await handler(request, request.RouteValues, ct)))
                .WithName(route.Name);
        }

        return routes;
    }

    static Func<HttpRequest, RouteValueDictionary, CancellationToken, Task<IActionResult>> Handler(
        string name, RunsHttpApi api, DurableTaskClient client) =>
        name switch
    {
        "StartUserFetch" => (request, _, ct) => api.StartUserFetchAsync(request, client, ct),
        "StartArticleAnalysis" => (request, _, ct) => api.StartArticleAnalysisAsync(request, client, ct),
        "GetRun" => (request, values, ct) => api.GetRunAsync(request, Value(values, "id"), client, ct),
        "GetRunView" => (request, values, ct) => api.GetRunViewAsync(request, Value(values, "id"), client, ct),
        "GetRunFailures" => (request, values, ct) => api.GetRunFailuresAsync(request, Value(values, "id"), client, ct),
        "GetRunFile" => (request, values, ct) => api.GetRunFileAsync(request, Value(values, "id"), Value(values, "file"), client, ct),
        "CancelRun" => (request, values, ct) => api.CancelRunAsync(request, Value(values, "id"), client, ct),
        "RedriveRun" => (request, values, ct) => api.RedriveRunAsync(request, Value(values, "id"), client, ct),
        _ => throw new InvalidOperationException($"Route {name} has no handler in the runner's server."),
    };

    static string Value(RouteValueDictionary values, string name) =>
        Convert.ToString(values[name], System.Globalization.CultureInfo.InvariantCulture)!;

    /// <summary>Starts Kestrel on 127.0.0.1:<paramref name="port"/> (0: a free port); <see cref="Started.BaseUrl"/> says where.</summary>
    public static async Task<Started> StartAsync(
        RunsHttpApi api, DurableTaskClient client, int port, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(
            new WebApplicationOptions { ApplicationName = typeof(RunsApiServer).Assembly.GetName().Name });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggers);
        // The handlers answer with MVC action results (as under Functions); their executors live in MVC core.
        builder.Services.AddMvcCore();
        // The caller owns the process's signals (serve: System.CommandLine's Ctrl+C; tests: none), not this host.
        builder.Services.AddSingleton<IHostLifetime, CallerOwnedLifetime>();
        builder.WebHost.UseKestrel(k =>
        {
            k.Listen(System.Net.IPAddress.Loopback, port);
            k.Limits.MaxRequestLineSize = KestrelMaxRequestLineBytes;
        });
        WebApplication app = builder.Build();
        app.UseRouting();
        UseProtections(app, loggers.CreateLogger("Serverless.Local.Serve"));
        app.MapRunsApi(api, client);
        await app.StartAsync(cancellationToken);
        string address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new Started(app, new Uri(address.TrimEnd('/') + "/"));
    }

    /// <summary>In order: headers on whatever is sent, failures as problems, empty error statuses as problems, then the checks.</summary>
    static void UseProtections(WebApplication app, ILogger logger)
    {
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                SecurityHeaders.AddMissing(context.Response.Headers);
                return Task.CompletedTask;
            });
            return next(context);
        });
        app.Use(new ServeFailures(logger).InvokeAsync);
        // Routing's own 404 and 405 come without a body.
        app.UseStatusCodePages(status => ServeProblems.WriteAsync(status.HttpContext, Problems.Details(
            status.HttpContext.Response.StatusCode, NoBodyDetail(status.HttpContext))));
        app.Use((context, next) =>
        {
            if ((context.Request.Path.Value?.Length ?? 0) + (context.Request.QueryString.Value?.Length ?? 0) > MaxUrlChars)
            {
                return ServeProblems.WriteAsync(context, Problems.Details(
                    StatusCodes.Status414UriTooLong, $"The path and query are longer than {MaxUrlChars} characters."));
            }

            return LoopbackRequestGuard.Check(context.Request) is { } refused ? ServeProblems.WriteAsync(context, refused) : next(context);
        });
    }

    static string NoBodyDetail(HttpContext context) => context.Response.StatusCode switch
    {
        StatusCodes.Status404NotFound => $"No route {context.Request.Method} {context.Request.Path}; the API's routes are under /api.",
        StatusCodes.Status405MethodNotAllowed =>
            $"{context.Request.Method} is not allowed on {context.Request.Path}; allowed: {context.Response.Headers.Allow}.",
        int status => ReasonPhrases.GetReasonPhrase(status),
    };

    static IResult Adapt(IActionResult result) => new ActionResultAdapter(result);

    /// <summary>Runs an MVC action result as a minimal API result.</summary>
    sealed class ActionResultAdapter(IActionResult result) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext) =>
            result.ExecuteResultAsync(new ActionContext(httpContext, httpContext.GetRouteData(), new ActionDescriptor()));
    }

    sealed class CallerOwnedLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    public sealed class Started(WebApplication app, Uri baseUrl) : IAsyncDisposable
    {
        public Uri BaseUrl { get; } = baseUrl;

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
