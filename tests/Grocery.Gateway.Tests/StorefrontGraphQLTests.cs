using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Grocery.Gateway.GraphQL;
using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

namespace Grocery.Gateway.Tests;

public sealed class StorefrontGraphQLTests(StorefrontGateway storefront) : IClassFixture<StorefrontGateway>
{
    private const string Listing = """
        query Listing($first: Int!) {
          products(first: $first, filter: { category: "dairy" }, sort: PRICE) {
            nodes { id sku name price availability category { id name slug } }
            pageInfo { hasNextPage endCursor }
          }
        }
        """;

    [Fact]
    public async Task A_listing_with_categories_makes_the_same_downstream_calls_for_one_product_as_for_twenty()
    {
        var (one, callsForOne) = await CountingCallsAsync(() => PostAsync(Listing, new { first = 1 }));
        var (twenty, callsForTwenty) = await CountingCallsAsync(() => PostAsync(Listing, new { first = 20 }));

        Assert.Single(one["data"]!["products"]!["nodes"]!.AsArray());
        var nodes = twenty["data"]!["products"]!["nodes"]!.AsArray();
        Assert.Equal(20, nodes.Count);
        Assert.All(nodes, node => Assert.NotNull(node!["category"]!["name"]));
        Assert.Equal("Milk", nodes[0]!["category"]!["name"]!.GetValue<string>());
        Assert.Equal(2, callsForOne.Count);
        Assert.Equal(callsForOne.Count, callsForTwenty.Count);
        Assert.Contains(callsForTwenty, call => call.StartsWith("/api/v1/products?limit=20") && call.Contains("category=dairy") && call.Contains("sort=price"));
    }

    [Fact]
    public async Task A_product_page_names_its_own_category_from_the_breadcrumbs()
    {
        var result = await PostAsync("""{ product(slug: "fresh-milk") { name description allergens category { name } } }""");
        var missing = await PostAsync("""{ product(slug: "missing") { name } }""");

        Assert.Equal("Fresh every morning.", result["data"]!["product"]!["description"]!.GetValue<string>());
        Assert.Equal("Milk", result["data"]!["product"]!["category"]!["name"]!.GetValue<string>());
        Assert.Null(missing["data"]!["product"]);
        Assert.Null(missing["errors"]);
    }

    [Fact]
    public async Task Categories_search_and_suggestions_come_from_catalog()
    {
        var result = await PostAsync("""
            { categories { slug children { slug } } search(query: "Sua", first: 3) { interpretedAs items { sku } } suggest(query: "su") { slug } }
            """);

        Assert.Equal("dairy", result["data"]!["categories"]![0]!["slug"]!.GetValue<string>());
        Assert.Equal("milk", result["data"]!["categories"]![0]!["children"]![0]!["slug"]!.GetValue<string>());
        Assert.Equal(3, result["data"]!["search"]!["items"]!.AsArray().Count);
        Assert.Equal("yoghurt", result["data"]!["suggest"]![0]!["slug"]!.GetValue<string>());
    }

    [Fact]
    public async Task Me_asks_identity_with_the_callers_token_once_per_field()
    {
        var token = storefront.Identity.CreateToken(Guid.NewGuid().ToString());
        var (result, calls) = await CountingCallsAsync(() => PostAsync(
            "{ me { profile { email name roles } addresses { label city isDefault } } }", token: token));

        Assert.Null(result["errors"]);
        Assert.Equal("lan@grocery.test", result["data"]!["me"]!["profile"]!["email"]!.GetValue<string>());
        Assert.Equal(3, result["data"]!["me"]!["addresses"]!.AsArray().Count);
        Assert.Equal(["/api/v1/me", "/api/v1/me/addresses"], calls.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task An_anonymous_me_is_an_authentication_error_without_asking_identity()
    {
        var (result, calls) = await CountingCallsAsync(() => PostAsync("{ me { profile { email } } }"));

        Assert.Null(result["data"]!["me"]);
        Assert.Equal(StorefrontErrors.Unauthenticated, result["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        Assert.Empty(calls);
    }

    [Fact]
    public async Task A_query_deeper_than_the_limit_is_refused_before_anything_is_fetched()
    {
        var (result, calls) = await CountingCallsAsync(() => PostAsync(
            "{ categories { children { children { children { children { children { children { slug } } } } } } } }"));

        Assert.Null(result["data"]);
        Assert.Contains("depth", result["errors"]![0]!["message"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        Assert.Empty(calls);
    }

    [Fact]
    public async Task A_query_over_the_complexity_limit_is_refused_before_anything_is_fetched()
    {
        var aliases = string.Join(' ', Enumerable.Range(0, 30).Select(i =>
            $"p{i}: products(first: 100) {{ nodes {{ id sku name price unitPrice brand category {{ id name slug }} }} }}"));
        var (result, calls) = await CountingCallsAsync(() => PostAsync("{ " + aliases + " }"));

        Assert.Null(result["data"]);
        Assert.Contains("complexity", result["errors"]![0]!["message"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        Assert.Empty(calls);
    }

    [Fact]
    public async Task A_persisted_query_registered_once_is_served_by_its_hash_over_get()
    {
        var query = $$"""{ suggest(query: "{{Guid.NewGuid():N}}") { slug sku } }""";
        var hash = GraphQLEndpoint.Sha256(query);
        var extensions = JsonSerializer.Serialize(new { persistedQuery = new { version = 1, sha256Hash = hash } });
        using var client = storefront.Gateway.ClientFrom(TwoGateways.NextAddress());

        var before = await client.GetAsync($"/graphql?extensions={Uri.EscapeDataString(extensions)}", TestContext.Current.CancellationToken);
        var registered = await PostAsync(query, extensions: new { persistedQuery = new { version = 1, sha256Hash = hash } });
        var byHash = await client.GetAsync($"/graphql?extensions={Uri.EscapeDataString(extensions)}", TestContext.Current.CancellationToken);

        Assert.Equal(GraphQLEndpoint.PersistedQueryNotFound, (await ReadAsync(before))["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        Assert.Equal("yoghurt", registered["data"]!["suggest"]![0]!["slug"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, byHash.StatusCode);
        Assert.Equal("public, max-age=60", byHash.Headers.CacheControl?.ToString());
        Assert.Equal("yoghurt", (await ReadAsync(byHash))["data"]!["suggest"]![0]!["slug"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_persisted_query_whose_text_does_not_match_its_hash_is_refused()
    {
        var result = await PostAsync("{ categories { slug } }", extensions: new { persistedQuery = new { version = 1, sha256Hash = new string('a', 64) } });

        Assert.Null(result["data"]);
        Assert.Equal("PERSISTED_QUERY_HASH_MISMATCH", result["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_schema_matches_its_copy_in_docs_api_schema_graphql()
    {
        var schema = storefront.Gateway.Services.GetRequiredService<ISchema>();
        var sdl = schema.Print().ReplaceLineEndings("\n").TrimEnd('\n') + "\n";

        var path = Path.Combine(RepositoryRoot(), "docs", "api", "schema.graphql");
        var committed = File.Exists(path) ? await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken) : null;
        if (committed != sdl) await File.WriteAllTextAsync(path, sdl, TestContext.Current.CancellationToken);
        Assert.True(committed == sdl, "docs/api/schema.graphql did not match the storefront schema and has been rewritten; review and commit it.");
    }

    private async Task<(JsonNode Result, List<string> Calls)> CountingCallsAsync(Func<Task<JsonNode>> act)
    {
        var before = storefront.Catalog.Calls.Count;
        var result = await act();
        return (result, storefront.Catalog.Calls.Skip(before).ToList());
    }

    private async Task<JsonNode> PostAsync(string query, object? variables = null, object? extensions = null, string? token = null)
    {
        using var client = storefront.Gateway.ClientFrom(TwoGateways.NextAddress());
        if (token is not null) client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        var response = await client.PostAsJsonAsync("/graphql", new { query, variables, extensions }, TestContext.Current.CancellationToken);
        return await ReadAsync(response);
    }

    private static async Task<JsonNode> ReadAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "Grocery.sln"))) return directory.FullName;
        throw new InvalidOperationException("Grocery.sln not found above the test assembly.");
    }
}
