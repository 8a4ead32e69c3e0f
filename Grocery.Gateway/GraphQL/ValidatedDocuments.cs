using GraphQL;
using GraphQL.DI;
using GraphQL.Validation;
using GraphQL.Validation.Rules.Custom;
using GraphQLParser.AST;
using Microsoft.Extensions.Options;

namespace Grocery.Gateway.GraphQL;

/// <summary>
/// Parsed documents that passed validation, by query text and operation name. A storefront sends the
/// same few queries all day, so parsing and the validation rules are paid once per replica, not per
/// request. A document found here is validated again only by what can differ between two requests with
/// the same text: the request's own rules (<see cref="ExecutionOptions.CachedDocumentValidationRules"/>,
/// e.g. queries only over GET), and the complexity limit when the document has variables, since a list's
/// <c>first: $n</c> weighs what the variables say. Variables are still read and checked against their
/// types on every request.
/// </summary>
public sealed class ValidatedDocuments(IOptions<StorefrontGraphQLOptions> options, ComplexityValidationRule complexity) : IConfigureExecution
{
    /// <summary>Longer texts are parsed every time: a cache of large one-off documents would hold memory for nothing.</summary>
    public const int MaxCachedQueryLength = 16 * 1024;

    private readonly BoundedCache<(string Query, string? OperationName), Entry> _documents = new(options.Value.DocumentCacheSize);

    // After the option configurations (100), which assemble ExecutionOptions.ValidationRules.
    public float SortOrder => 200;

    public int Count => _documents.Count;

    public async Task<ExecutionResult> ExecuteAsync(ExecutionOptions execution, ExecutionDelegate next)
    {
        if (execution.Document is not null || execution.Query is not { Length: <= MaxCachedQueryLength } query)
            return await next(execution);

        var key = (query, execution.OperationName);
        if (_documents.TryGet(key, out var cached))
        {
            execution.Document = cached.Document;
            var rules = execution.CachedDocumentValidationRules ?? [];
            execution.ValidationRules = cached.HasVariables ? rules.Append(complexity) : rules;
            return await next(execution);
        }

        var result = await next(execution);
        // Executed means validation passed (errors from resolvers do not make the document wrong).
        if (result.Executed && result.Document is { } document)
            _documents.Set(key, new Entry(document, document.Definitions.OfType<GraphQLOperationDefinition>().Any(o => o.Variables is { Count: > 0 })));
        return result;
    }

    private sealed record Entry(GraphQLDocument Document, bool HasVariables);
}
