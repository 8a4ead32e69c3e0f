using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Grocery.Gateway.GraphQL;
using Microsoft.Extensions.DependencyInjection;

namespace Grocery.Gateway.Tests;

/// <summary>
/// What the gateway keeps between GraphQL requests: validated documents, and Catalog's category tree for
/// as long as Catalog allows. Its own fixture, because the kept tree changes how many calls Catalog sees.
/// </summary>
public sealed class GraphQLCachingTests(StorefrontGateway storefront) : IClassFixture<StorefrontGateway>
{
    private const string Listing = "{ products(first: 5) { nodes { sku category { name } } } }";

    [Fact]
    public async Task While_catalog_lets_the_category_tree_be_kept_a_listing_asks_catalog_only_for_its_products()
    {
        storefront.Catalog.CategoriesCacheControl = "public, max-age=60, stale-while-revalidate=120";

        var (first, callsForFirst) = await CountingCallsAsync(() => PostAsync(Listing));
        var (second, callsForSecond) = await CountingCallsAsync(() => PostAsync(Listing));

        Assert.Equal(2, callsForFirst.Count);
        var call = Assert.Single(callsForSecond);
        Assert.StartsWith("/api/v1/products?limit=5", call, StringComparison.Ordinal);
        Assert.Equal(first.ToJsonString(), second.ToJsonString());
        Assert.Equal("Milk", second["data"]!["products"]!["nodes"]![0]!["category"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_document_sent_as_a_post_is_still_refused_over_get_when_it_holds_a_mutation()
    {
        const string document = """
            query Tree { categories { slug } }
            mutation Hold { holdSlot(slotId: "00000000-0000-0000-0000-000000000001") { holdId } }
            """;
        var overPost = await PostAsync(document, operationName: "Tree");
        using var client = storefront.Gateway.ClientFrom(TwoGateways.NextAddress());

        var overGet = await client.GetAsync(
            $"/graphql?query={Uri.EscapeDataString(document)}&operationName=Tree", TestContext.Current.CancellationToken);

        Assert.Null(overPost["errors"]);
        var refusal = JsonNode.Parse(await overGet.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
        Assert.Null(refusal["data"]);
        Assert.Equal("METHOD_NOT_ALLOWED", refusal["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_validated_document_with_variables_is_measured_against_the_complexity_limit_on_every_request()
    {
        var aliases = string.Join(' ', Enumerable.Range(0, 5).Select(i => $"p{i}: products(first: $first) {{ nodes {{ id sku name price brand category {{ id name slug }} }} }}"));
        var document = "query Pages($first: Int!) { " + aliases + " }";

        var small = await PostAsync(document, new { first = 1 });
        var (large, calls) = await CountingCallsAsync(() => PostAsync(document, new { first = 100 }));

        Assert.Null(small["errors"]);
        Assert.Null(large["data"]);
        Assert.Contains("complexity", large["errors"]![0]!["message"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        Assert.Empty(calls);
    }

    [Fact]
    public async Task A_document_is_kept_once_however_often_it_is_sent()
    {
        var documents = storefront.Gateway.Services.GetServices<global::GraphQL.DI.IConfigureExecution>().OfType<ValidatedDocuments>().Single();
        var query = $$"""{ suggest(query: "{{Guid.NewGuid():N}}") { slug } }""";

        await PostAsync(query);
        var kept = documents.Count;
        await PostAsync(query);
        await PostAsync(query);

        Assert.Equal(kept, documents.Count);
        Assert.Equal("yoghurt", (await PostAsync(query))["data"]!["suggest"]![0]!["slug"]!.GetValue<string>());
    }

    private async Task<(JsonNode Result, List<string> Calls)> CountingCallsAsync(Func<Task<JsonNode>> act)
    {
        var before = storefront.Catalog.Calls.Count;
        var result = await act();
        return (result, storefront.Catalog.Calls.Skip(before).ToList());
    }

    private async Task<JsonNode> PostAsync(string query, object? variables = null, string? operationName = null)
    {
        using var client = storefront.Gateway.ClientFrom(TwoGateways.NextAddress());
        var response = await client.PostAsJsonAsync("/graphql", new { query, variables, operationName }, TestContext.Current.CancellationToken);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
    }
}
