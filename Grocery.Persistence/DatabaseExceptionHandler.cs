using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Grocery.Persistence;

/// <summary>
/// The last line behind request validation: a write PostgreSQL still refuses (a value too long or too
/// large, a character text cannot hold, a unique or check constraint) is the caller's problem, 400 or
/// 409, never a 500. Reaching here means a validation rule is missing, so it is logged; the problem names
/// the field when PostgreSQL names the column (snake_case columns are the camelCase JSON fields).
/// </summary>
internal sealed class DatabaseExceptionHandler(IProblemDetailsService problems, ILogger<DatabaseExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (FindPostgresError(exception) is not { } error || Describe(error.SqlState) is not { } described) return false;
        var (status, title) = described;
        logger.LogWarning(exception, "PostgreSQL refused a request's write ({SqlState} on {Table}); answered {Status}", error.SqlState, error.TableName, status);
        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new HttpValidationProblemDetails(Fields(error, title))
            {
                Status = status, Title = title, Type = $"https://grocery.local/problems/database-{error.SqlState.ToLowerInvariant()}",
            },
        });
    }

    private static PostgresException? FindPostgresError(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
            if (exception is PostgresException postgres) return postgres;
        return null;
    }

    private static Dictionary<string, string[]> Fields(PostgresException error, string title) =>
        string.IsNullOrEmpty(error.ColumnName) ? [] : new() { [JsonName(error.ColumnName)] = [title] };

    private static string JsonName(string column)
    {
        var words = column.Split('_', StringSplitOptions.RemoveEmptyEntries);
        return string.Concat(words.Select((word, i) => i == 0 ? word : char.ToUpperInvariant(word[0]) + word[1..]));
    }

    private static (int Status, string Title)? Describe(string sqlState) => sqlState switch
    {
        PostgresErrorCodes.StringDataRightTruncation => (StatusCodes.Status400BadRequest, "A value is longer than it may be."),
        PostgresErrorCodes.NumericValueOutOfRange => (StatusCodes.Status400BadRequest, "A number is larger than it may be."),
        PostgresErrorCodes.DatetimeFieldOverflow or PostgresErrorCodes.InvalidDatetimeFormat => (StatusCodes.Status400BadRequest, "A date is out of range."),
        PostgresErrorCodes.InvalidTextRepresentation or PostgresErrorCodes.InvalidParameterValue =>
            (StatusCodes.Status400BadRequest, "A value cannot be read as its type."),
        PostgresErrorCodes.NotNullViolation => (StatusCodes.Status400BadRequest, "A required value is missing."),
        PostgresErrorCodes.UntranslatableCharacter or PostgresErrorCodes.CharacterNotInRepertoire =>
            (StatusCodes.Status400BadRequest, "A value contains characters that cannot be stored."),
        PostgresErrorCodes.UniqueViolation => (StatusCodes.Status409Conflict, "This conflicts with something that already exists."),
        PostgresErrorCodes.CheckViolation => (StatusCodes.Status409Conflict, "This would break a rule of the stored data."),
        PostgresErrorCodes.ForeignKeyViolation => (StatusCodes.Status409Conflict, "This refers to something that no longer exists."),
        _ => null,
    };
}
