using System.Text;
using Microsoft.AspNetCore.Diagnostics;
using Npgsql;

namespace Grocery.Inventory.Apis;

/// <summary>
/// The last line behind request validation: a write PostgreSQL still refuses for its data (a value
/// out of range, a constraint) is the request's fault or a conflict with stored state, never a 500.
/// Reaching here means a rule is missing from <see cref="RequestValidation"/>, so it is logged.
/// </summary>
internal sealed partial class DatabaseErrorHandler(IProblemDetailsService problemDetails, ILogger<DatabaseErrorHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (httpContext.Response.HasStarted || Find(exception) is not { } postgres || Describe(postgres) is not { } described) return false;
        var (status, title) = described;

        LogRefused(postgres.SqlState, postgres.MessageText, httpContext.Request.Method, httpContext.Request.Path);
        var errors = new Dictionary<string, string[]>();
        if (!string.IsNullOrEmpty(postgres.ColumnName)) errors[CamelCase(postgres.ColumnName)] = [title];
        httpContext.Response.StatusCode = status;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = new HttpValidationProblemDetails(errors) { Status = status, Title = title },
            Exception = exception,
        });
    }

    private static PostgresException? Find(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
            if (e is PostgresException postgres) return postgres;
        return null;
    }

    private static (int Status, string Title)? Describe(PostgresException e) => e.SqlState switch
    {
        PostgresErrorCodes.UniqueViolation => (StatusCodes.Status409Conflict, "The request conflicts with what is stored."),
        PostgresErrorCodes.ForeignKeyViolation => (StatusCodes.Status409Conflict, "The request refers to something that does not exist or is in use."),
        PostgresErrorCodes.CheckViolation => (StatusCodes.Status409Conflict, "The change would break a rule of the stored data; nothing was changed."),
        PostgresErrorCodes.NotNullViolation => (StatusCodes.Status400BadRequest, "A required value is missing."),
        PostgresErrorCodes.NumericValueOutOfRange => (StatusCodes.Status400BadRequest, "A number is beyond what can be stored."),
        PostgresErrorCodes.StringDataRightTruncation => (StatusCodes.Status400BadRequest, "A text is longer than can be stored."),
        PostgresErrorCodes.UntranslatableCharacter or PostgresErrorCodes.CharacterNotInRepertoire
            => (StatusCodes.Status400BadRequest, "A text contains a character that cannot be stored."),
        PostgresErrorCodes.DatetimeFieldOverflow or PostgresErrorCodes.InvalidDatetimeFormat
            => (StatusCodes.Status400BadRequest, "A date or time is beyond what can be stored."),
        PostgresErrorCodes.InvalidParameterValue or PostgresErrorCodes.InvalidTextRepresentation
            => (StatusCodes.Status400BadRequest, "A value is not valid for where it is stored."),
        _ => null,
    };

    // Columns are snake_case; the JSON fields they come from are the same words in camelCase.
    private static string CamelCase(string column)
    {
        var name = new StringBuilder(column.Length);
        var upper = false;
        foreach (var c in column)
        {
            if (c == '_') upper = name.Length > 0;
            else
            {
                name.Append(upper ? char.ToUpperInvariant(c) : c);
                upper = false;
            }
        }
        return name.ToString();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "PostgreSQL refused {SqlState} ({Message}) for {Method} {Path}: a validation rule is missing")]
    private partial void LogRefused(string sqlState, string message, string method, string path);
}
