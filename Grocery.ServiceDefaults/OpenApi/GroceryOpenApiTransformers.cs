using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Grocery.ServiceDefaults.OpenApi;

/// <summary>
/// What every service's OpenAPI document says the same way: callers authenticate with a bearer JWT
/// from Identity, and refusals are RFC 7807 ProblemDetails.
/// </summary>
public static class GroceryOpenApiTransformers
{
    public const string BearerScheme = "Bearer";
    public const string ProblemSchema = "ProblemDetails";
    public const string ProblemMediaType = "application/problem+json";

    public static OpenApiOptions AddGroceryConventions(this OpenApiOptions options)
    {
        options.AddDocumentTransformer(TransformDocumentAsync);
        options.AddOperationTransformer(TransformOperation);
        return options;
    }

    private static async Task TransformDocumentAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        // The address that asked for the document (a pod, Aspire's proxy) is not where clients call:
        // they go through the gateway. Without it the document is also the same wherever it is
        // fetched from, so the copy in docs/api compares byte for byte.
        document.Servers = null;

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "An access token from POST /api/v1/auth/login (Grocery.Identity).",
        };
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        if (!document.Components.Schemas.ContainsKey(ProblemSchema))
            document.Components.Schemas[ProblemSchema] = await context.GetOrCreateSchemaAsync(typeof(ProblemDetails), null, cancellationToken);
    }

    private static Task TransformOperation(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var requiresToken = metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any();
        operation.Responses ??= new OpenApiResponses();

        if (operation.Parameters is { Count: > 0 } || operation.RequestBody is not null)
            AddProblem(operation, context, StatusCodes.Status400BadRequest, "The request is malformed or a field is invalid.");
        if (requiresToken)
        {
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] }];
            AddProblem(operation, context, StatusCodes.Status401Unauthorized, "No valid access token was sent.");
            AddProblem(operation, context, StatusCodes.Status403Forbidden, "The caller's role does not allow this.");
        }
        return Task.CompletedTask;
    }

    private static void AddProblem(OpenApiOperation operation, OpenApiOperationTransformerContext context, int status, string description)
    {
        operation.Responses!.TryAdd(status.ToString(System.Globalization.CultureInfo.InvariantCulture), new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                [ProblemMediaType] = new() { Schema = new OpenApiSchemaReference(ProblemSchema, context.Document) },
            },
        });
    }
}
