using System.Text.Json;
using Grocery.ServiceDefaults.OpenApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Grocery.Gateway.Tests;

public sealed class OpenApiConventionsTests
{
    private sealed record NewNote(string Text);

    private sealed record Note(int Id, string Text);

    [Fact]
    public async Task Documents_declare_the_bearer_scheme_only_on_operations_that_need_a_token_and_no_servers()
    {
        using var document = await DocumentAsync();
        var root = document.RootElement;

        var bearer = root.GetProperty("components").GetProperty("securitySchemes").GetProperty(GroceryOpenApiTransformers.BearerScheme);
        Assert.Equal("http", bearer.GetProperty("type").GetString());
        Assert.Equal("bearer", bearer.GetProperty("scheme").GetString());
        Assert.False(root.TryGetProperty("servers", out _));

        var secured = Operation(root, "/notes/{id}", "get");
        Assert.True(secured.GetProperty("security")[0].TryGetProperty(GroceryOpenApiTransformers.BearerScheme, out _));
        Assert.False(Operation(root, "/notes", "post").TryGetProperty("security", out _));
    }

    [Fact]
    public async Task Refusals_are_declared_as_problem_details_where_they_can_happen()
    {
        using var document = await DocumentAsync();
        var root = document.RootElement;
        Assert.True(root.GetProperty("components").GetProperty("schemas").TryGetProperty(GroceryOpenApiTransformers.ProblemSchema, out _));

        var secured = Operation(root, "/notes/{id}", "get").GetProperty("responses");
        foreach (var status in new[] { "400", "401", "403" })
            Assert.Equal("#/components/schemas/ProblemDetails",
                secured.GetProperty(status).GetProperty("content").GetProperty(GroceryOpenApiTransformers.ProblemMediaType).GetProperty("schema").GetProperty("$ref").GetString());

        var open = Operation(root, "/notes", "post").GetProperty("responses");
        Assert.True(open.TryGetProperty("400", out _));
        Assert.False(open.TryGetProperty("401", out _));
        Assert.False(Operation(root, "/health-of-notes", "get").GetProperty("responses").TryGetProperty("400", out _));
    }

    private static JsonElement Operation(JsonElement root, string path, string method) =>
        root.GetProperty("paths").GetProperty(path).GetProperty(method);

    private static async Task<JsonDocument> DocumentAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddAuthorization();
        builder.Services.AddOpenApi(options => options.AddGroceryConventions());
        await using var app = builder.Build();
        app.MapGet("/notes/{id}", (int id) => TypedResults.Ok(new Note(id, "basil"))).RequireAuthorization();
        app.MapPost("/notes", (NewNote note) => TypedResults.Created("/notes/1", new Note(1, note.Text)));
        app.MapGet("/health-of-notes", () => TypedResults.Ok("fine"));
        app.MapOpenApi();
        await app.StartAsync(TestContext.Current.CancellationToken);
        using var client = app.GetTestClient();
        var json = await client.GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken);
        return JsonDocument.Parse(json);
    }
}
