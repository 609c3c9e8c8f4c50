using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Serverless.Local.Runner;

/// <summary>Writes a problem from <c>serve</c>'s own pipeline (outside the handlers), as <c>application/problem+json</c>.</summary>
public static class ServeProblems
{
    public static Task WriteAsync(HttpContext context, ProblemDetails problem)
    {
        context.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        return Results.Problem(problem).ExecuteAsync(context);
    }
}
