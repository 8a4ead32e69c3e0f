using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Grocery.ServiceDefaults.Problems;

/// <summary>
/// Turns what minimal APIs throw for a request they cannot read (unparsable JSON, a query value
/// of the wrong type, a missing required parameter, a body too large or of the wrong media type)
/// into the status the framework chose, with a ProblemDetails naming the field or parameter.
/// Without it the exception handler answers 500 in Development, where binding failures throw.
/// </summary>
public sealed partial class BadRequestExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest || httpContext.Response.HasStarted) return false;

        var (field, message) = Describe(badRequest);
        var problem = new ProblemDetails
        {
            Status = badRequest.StatusCode,
            Title = badRequest.StatusCode switch
            {
                StatusCodes.Status413PayloadTooLarge => "The request body is too large.",
                StatusCodes.Status415UnsupportedMediaType => "The request body's media type is not supported.",
                _ => "The request could not be read.",
            },
            Detail = message,
        };
        if (field is not null) problem.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [message] };

        httpContext.Response.StatusCode = badRequest.StatusCode;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    private static (string? Field, string Message) Describe(BadHttpRequestException exception)
    {
        if (FindJsonException(exception) is { } json)
        {
            // The JSON path names the property as the client sent it ("$.lines[0].quantity").
            var path = json.Path is { Length: > 1 } p && p.StartsWith("$.", StringComparison.Ordinal) ? p[2..] : "$";
            var reason = path == "$" ? "The body is not valid JSON." : $"The value of '{path}' is not valid JSON for its type.";
            return (path, reason);
        }

        var parameter = ParameterName().Match(exception.Message);
        return (parameter.Success ? parameter.Groups["name"].Value : null, exception.Message);
    }

    private static JsonException? FindJsonException(Exception exception)
    {
        for (var inner = exception.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is JsonException json) return json;
        }
        return null;
    }

    // Minimal APIs name the parameter as "Type name" in quotes: Failed to bind parameter "Guid zoneId" from "abc".
    [GeneratedRegex("parameter \"(?:[^\"]*\\s)?(?<name>[A-Za-z_][A-Za-z0-9_]*)\"")]
    private static partial Regex ParameterName();
}
