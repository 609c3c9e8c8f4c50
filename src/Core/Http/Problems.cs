using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

namespace Serverless.Core.Http;

/// <summary>RFC 7807 problem bodies (<c>application/problem+json</c>).</summary>
public static class Problems
{
    public const string ContentType = "application/problem+json";

    public static IActionResult BadRequest(FieldError error)
    {
        var problem = new ValidationProblemDetails(new Dictionary<string, string[]> { [error.Field] = [error.Message] })
        {
            Title = "The request is invalid.",
            Detail = $"{error.Field}: {error.Message}",
            Status = StatusCodes.Status400BadRequest,
        };
        problem.Extensions["field"] = error.Field;
        return new ObjectResult(problem) { StatusCode = StatusCodes.Status400BadRequest, ContentTypes = { ContentType } };
    }

    public static IActionResult NotFound(string detail) => Status(StatusCodes.Status404NotFound, detail);

    public static IActionResult Status(int status, string detail) =>
        new ObjectResult(Details(status, detail)) { StatusCode = status, ContentTypes = { ContentType } };

    /// <summary>The problem for <paramref name="status"/>, titled by the status, for hosts that write it without MVC.</summary>
    public static ProblemDetails Details(int status, string detail) =>
        new() { Title = Title(status), Detail = detail, Status = status };

    static string Title(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "Bad request.",
        StatusCodes.Status403Forbidden => "Forbidden.",
        StatusCodes.Status404NotFound => "Not found.",
        StatusCodes.Status405MethodNotAllowed => "Method not allowed.",
        StatusCodes.Status409Conflict => "Conflict.",
        StatusCodes.Status414UriTooLong => "URI too long.",
        StatusCodes.Status415UnsupportedMediaType => "Unsupported media type.",
        StatusCodes.Status503ServiceUnavailable => "Service unavailable.",
        _ => ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase + "." : "Error.",
    };
}
