using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Serverless.Simulator;

/// <summary>
/// HTTP surface. Besides the simulated API, stats and admin routes exist so that benchmarks and runners
/// in other processes can read and steer a standalone simulator; they bypass ban and limit because they
/// are the operator's controls, not traffic of the client under test.
/// </summary>
internal static class SimulatorEndpoints
{
    public static void Map(IEndpointRouteBuilder routes, SimulatorEngine engine)
    {
        routes.MapGet("/users/{id}", (RequestDelegate)engine.HandleUserAsync);
        routes.MapPost(SimulatorAuth.TokenPath, (RequestDelegate)engine.Auth.IssueTokenAsync);

        routes.MapGet("/health", static context =>
        {
            context.Response.ContentType = "text/plain";
            return context.Response.WriteAsync("ok");
        });

        routes.MapGet("/stats", context => context.Response.WriteAsJsonAsync(
            engine.Snapshot(includeHits: false), SimulatorJsonContext.Default.SimulatorStats, cancellationToken: context.RequestAborted));

        routes.MapGet("/stats/hits/{id}", context =>
        {
            if (!int.TryParse(context.Request.RouteValues["id"] as string, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var id))
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                return Task.CompletedTask;
            }

            return context.Response.WriteAsJsonAsync(new IdHits(id, engine.HitsFor(id)), SimulatorJsonContext.Default.IdHits);
        });

        // Full reset (stats, ban, fault sequence): what a benchmark wants between runs.
        routes.MapPost("/admin/reset", context =>
        {
            engine.Reset();
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return Task.CompletedTask;
        });

        routes.MapPost("/admin/reset-stats", context =>
        {
            engine.ResetStats();
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return Task.CompletedTask;
        });

        routes.MapPost("/admin/lift-ban", context =>
        {
            engine.LiftBan();
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return Task.CompletedTask;
        });

        routes.MapPost("/admin/revoke-tokens", context =>
        {
            engine.Auth.RevokeTokens();
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return Task.CompletedTask;
        });

        routes.MapPost("/admin/limit/{n}", context =>
        {
            if (!int.TryParse(context.Request.RouteValues["n"] as string, NumberStyles.None, CultureInfo.InvariantCulture, out var limit))
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                return Task.CompletedTask;
            }

            engine.SetConcurrencyLimit(limit);
            return context.Response.WriteAsJsonAsync(new LimitChanged(limit), SimulatorJsonContext.Default.LimitChanged);
        });
    }
}
