using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Serverless.Core.Http;

/// <summary>RFC 7807 problem bodies (<c>application/problem+json</c>).</summary>
public static class Problems
{
    public static IActionResult BadRequest(FieldError error)
    {
        var problem = new ValidationProblemDetails(new Dictionary<string, string[]> { [error.Field] = [error.Message] })
        {
            Title = "The request is invalid.",
            Detail = $"{error.Field}: {error.Message}",
            Status = StatusCodes.Status400BadRequest,
        };
        problem.Extensions["field"] = error.Field;
        return new ObjectResult(problem) { StatusCode = StatusCodes.Status400BadRequest, ContentTypes = { "application/problem+json" } };
    }

    public static IActionResult NotFound(string detail) => Status(StatusCodes.Status404NotFound, detail);

    public static IActionResult Status(int status, string detail) =>
        new ObjectResult(
            new ProblemDetails { Title = status == StatusCodes.Status404NotFound ? "Not found." : "Conflict.", Detail = detail, Status = status })
        {
            StatusCode = status,
            ContentTypes = { "application/problem+json" },
        };
}
