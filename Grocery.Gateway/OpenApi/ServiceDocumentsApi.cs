using Scalar.AspNetCore;

namespace Grocery.Gateway.OpenApi;

/// <summary>
/// One address for every service's API description: <c>/openapi/{service}.json</c> is fetched from
/// that service's own document, so it always matches what runs. In Development the Scalar reference
/// at <c>/scalar</c> shows them all.
/// </summary>
public static class ServiceDocumentsApi
{
    public const string HttpClientName = "service-documents";

    /// <summary>Where each service's Microsoft.AspNetCore.OpenApi document answers (ServiceDefaults' MapOpenApi).</summary>
    private const string ServiceDocumentPath = "/openapi/v1.json";

    public static IHostApplicationBuilder AddServiceDocuments(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHttpClient(HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(15));
        return builder;
    }

    public static WebApplication MapServiceDocuments(this WebApplication app)
    {
        var services = string.Join('|', ResourceNames.Services);
        // Ordered ahead of ServiceDefaults' own /openapi/{documentName}.json (the gateway's document,
        // on the management port), which answers whatever this constraint leaves.
        app.MapGet($"/openapi/{{service:regex(^({services})$)}}.json", GetAsync)
            .WithOrder(-1)
            .AllowAnonymous()
            .ExcludeFromDescription();

        if (app.Environment.IsDevelopment())
            app.MapScalarApiReference(options =>
            {
                options.WithTitle("Grocery API");
                foreach (var service in ResourceNames.Services)
                    options.AddDocument(service, service, "/openapi/{documentName}.json", isDefault: service == ResourceNames.Catalog);
            }).AllowAnonymous();
        return app;
    }

    private static async Task<IResult> GetAsync(string service, IHttpClientFactory clients, CancellationToken cancellationToken)
    {
        var client = clients.CreateClient(HttpClientName);
        try
        {
            using var response = await client.GetAsync($"https+http://{service}{ServiceDocumentPath}", cancellationToken);
            if (!response.IsSuccessStatusCode)
                return TypedResults.Problem(statusCode: StatusCodes.Status502BadGateway,
                    title: $"The {service} service did not serve its API description ({(int)response.StatusCode}).");
            var document = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            return TypedResults.Bytes(document, "application/json");
        }
        catch (HttpRequestException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status502BadGateway, title: $"The {service} service is unreachable.");
        }
    }
}
