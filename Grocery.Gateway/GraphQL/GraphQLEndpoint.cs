using System.Security.Cryptography;
using System.Text;
using GraphQL;
using GraphQL.Execution;
using GraphQL.Transport;
using GraphQL.Types;
using Microsoft.Extensions.Options;

namespace Grocery.Gateway.GraphQL;

public sealed class StorefrontGraphQLOptions
{
    public const string SectionName = "Gateway:GraphQL";

    public int MaxDepth { get; set; } = 10;

    public int MaxComplexity { get; set; } = 5000;

    /// <summary>How long a registered persisted query is kept after its last registration.</summary>
    public TimeSpan PersistedQueryLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How many validated documents, and how many persisted query texts, a replica keeps in memory.</summary>
    public int DocumentCacheSize { get; set; } = 1000;
}

/// <summary>
/// <c>/graphql</c> over ASP.NET Core: POST for any operation, GET for queries, so a CDN can cache
/// anonymous ones. Persisted queries follow Apollo's protocol: a client sends
/// <c>extensions.persistedQuery.sha256Hash</c>; with the query text too it registers it (in Redis, for
/// every replica), without it the stored text is used, and an unknown hash says so, so the client
/// sends the text once.
/// </summary>
public static class GraphQLEndpoint
{
    public const string PersistedQueryNotFound = "PERSISTED_QUERY_NOT_FOUND";

    public static IHostApplicationBuilder AddStorefrontGraphQL(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<StorefrontGraphQLOptions>().BindConfiguration(StorefrontGraphQLOptions.SectionName);
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddTransient<ForwardCallerToken>();
        // The factory's loggers write only Information lines (each call's start and end), filtered out here,
        // yet open a log scope on every call; failures surface as GraphQL errors and in metrics instead.
        builder.Services.AddHttpClient<CatalogClient>(http => http.BaseAddress = new Uri($"https+http://{ResourceNames.Catalog}"))
            .AddHttpMessageHandler<ForwardCallerToken>().RemoveAllLoggers();
        builder.Services.AddHttpClient<IdentityClient>(http => http.BaseAddress = new Uri($"https+http://{ResourceNames.Identity}"))
            .AddHttpMessageHandler<ForwardCallerToken>().RemoveAllLoggers();
        builder.Services.AddHttpClient<OrderingClient>(http => http.BaseAddress = new Uri($"https+http://{ResourceNames.Ordering}"))
            .AddHttpMessageHandler<ForwardCallerToken>().RemoveAllLoggers();
        builder.Services.AddHttpClient<DeliveryClient>(http => http.BaseAddress = new Uri($"https+http://{ResourceNames.Delivery}"))
            .AddHttpMessageHandler<ForwardCallerToken>().RemoveAllLoggers();
        builder.Services.AddScoped<StorefrontLoaders>();
        builder.Services.AddSingleton<CategoryTreeCache>();
        builder.Services.AddSingleton<PersistedQueries>();
        builder.Services.AddGraphQL(graphql => graphql
            .AddSchema<StorefrontSchema>()
            .AddGraphTypes(typeof(StorefrontSchema).Assembly)
            .AddSystemTextJson()
            .AddErrorInfoProvider(o => o.ExposeExceptionDetails = false)
            .AddComplexityAnalyzer((complexity, services) =>
            {
                var limits = services.GetRequiredService<IOptions<StorefrontGraphQLOptions>>().Value;
                complexity.MaxDepth = limits.MaxDepth;
                complexity.MaxComplexity = limits.MaxComplexity;
            })
            .ConfigureExecution<ValidatedDocuments>());
        return builder;
    }

    public static WebApplication MapStorefrontGraphQL(this WebApplication app)
    {
        app.MapPost("/graphql", PostAsync).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/graphql", GetAsync).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static async Task PostAsync(HttpContext context, IGraphQLTextSerializer serializer)
    {
        GraphQLRequest? request;
        try
        {
            request = await serializer.ReadAsync<GraphQLRequest>(context.Request.Body, context.RequestAborted);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidOperationException)
        {
            request = null;
        }
        if (request is null)
        {
            await WriteAsync(context, serializer, Error("The body is not a GraphQL request (JSON with query, variables, extensions).", "BAD_REQUEST"));
            return;
        }
        await ExecuteAsync(context, serializer, request, allowMutations: true);
    }

    private static async Task GetAsync(HttpContext context, IGraphQLTextSerializer serializer)
    {
        var query = context.Request.Query;
        GraphQLRequest request;
        try
        {
            request = new GraphQLRequest
            {
                Query = query["query"].ToString() is { Length: > 0 } text ? text : null,
                OperationName = query["operationName"].ToString() is { Length: > 0 } name ? name : null,
                Variables = query["variables"].ToString() is { Length: > 0 } variables ? serializer.Deserialize<Inputs>(variables) : null,
                Extensions = query["extensions"].ToString() is { Length: > 0 } extensions ? serializer.Deserialize<Inputs>(extensions) : null,
            };
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidOperationException)
        {
            await WriteAsync(context, serializer, Error("variables and extensions are JSON objects.", "BAD_REQUEST"));
            return;
        }
        await ExecuteAsync(context, serializer, request, allowMutations: false);
    }

    private static async Task ExecuteAsync(HttpContext context, IGraphQLTextSerializer serializer, GraphQLRequest request, bool allowMutations)
    {
        var services = context.RequestServices;
        var queryText = request.Query;
        if (PersistedHash(request.Extensions) is { } hash)
        {
            var persisted = services.GetRequiredService<PersistedQueries>();
            if (queryText is not null)
            {
                if (!string.Equals(Sha256(queryText), hash, StringComparison.OrdinalIgnoreCase))
                {
                    await WriteAsync(context, serializer, Error("The query's SHA-256 is not the hash it was sent with.", "PERSISTED_QUERY_HASH_MISMATCH"));
                    return;
                }
                await persisted.RegisterAsync(hash, queryText);
            }
            else if ((queryText = await persisted.FindAsync(hash)) is null)
            {
                await WriteAsync(context, serializer, Error("PersistedQueryNotFound", PersistedQueryNotFound));
                return;
            }
        }
        if (string.IsNullOrWhiteSpace(queryText))
        {
            await WriteAsync(context, serializer, Error("A query (or a registered persisted query's hash) is required.", "BAD_REQUEST"));
            return;
        }

        var executer = services.GetRequiredService<IDocumentExecuter<ISchema>>();
        var result = await executer.ExecuteAsync(options =>
        {
            options.Query = queryText;
            options.OperationName = request.OperationName;
            options.Variables = request.Variables;
            options.Extensions = request.Extensions;
            options.RequestServices = services;
            options.User = context.User;
            options.CancellationToken = context.RequestAborted;
            if (!allowMutations)
            {
                // Also for a document validated earlier (ValidatedDocuments): it may have come as a POST.
                options.ValidationRules = (options.ValidationRules ?? global::GraphQL.Validation.DocumentValidator.CoreRules).Append(QueriesOnlyOverGet.Instance);
                options.CachedDocumentValidationRules = [QueriesOnlyOverGet.Instance];
            }
        });

        // Anonymous, successful GETs are the same for everyone; let a CDN keep them briefly.
        if (!allowMutations && result.Errors is not { Count: > 0 } && string.IsNullOrEmpty(context.Request.Headers.Authorization))
            context.Response.Headers.CacheControl = "public, max-age=60";
        await WriteAsync(context, serializer, result);
    }

    private static string? PersistedHash(Inputs? extensions) =>
        extensions?.TryGetValue("persistedQuery", out var value) == true && value is IDictionary<string, object?> persisted
            && persisted.TryGetValue("sha256Hash", out var hash) && hash is string text && text.Length == 64
            ? text
            : null;

    public static string Sha256(string query) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(query)));

    private static ExecutionResult Error(string message, string code) =>
        new() { Errors = [new ExecutionError(message) { Code = code }] };

    private static async Task WriteAsync(HttpContext context, IGraphQLTextSerializer serializer, ExecutionResult result)
    {
        // GraphQL over HTTP: errors travel in the body; the status says only whether anything ran.
        context.Response.StatusCode = result.Executed || result.Errors is not { Count: > 0 } ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest;
        context.Response.ContentType = "application/graphql-response+json; charset=utf-8";
        await serializer.WriteAsync(context.Response.Body, result, context.RequestAborted);
    }
}

/// <summary>GET must not change anything (a crawler or a CDN may repeat it), so it runs queries only.</summary>
public sealed class QueriesOnlyOverGet : global::GraphQL.Validation.ValidationRuleBase
{
    public static readonly QueriesOnlyOverGet Instance = new();

    public override ValueTask<global::GraphQL.Validation.INodeVisitor?> GetPreNodeVisitorAsync(global::GraphQL.Validation.ValidationContext context) =>
        new(new global::GraphQL.Validation.MatchingNodeVisitor<GraphQLParser.AST.GraphQLOperationDefinition>((operation, ctx) =>
        {
            if (operation.Operation != GraphQLParser.AST.OperationType.Query)
                ctx.ReportError(new global::GraphQL.Validation.ValidationError("Only queries may be sent with GET; use POST.") { Code = "METHOD_NOT_ALLOWED" });
        }));
}
