using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Grocery.EndToEnd.Tests.Hardening;
using Grocery.EndToEnd.Tests.Support;

namespace Grocery.EndToEnd.Tests.PublicEdge;

/// <summary>The storefront schema at the gateway, resolved by the real Catalog and Identity.</summary>
public sealed class StorefrontGraphQLTests(GroceryAppFixture system)
{
    [Fact]
    public async Task A_listing_with_categories_resolves_against_the_running_catalog()
    {
        var result = await PostAsync("""
            { products(first: 5) { nodes { sku name price category { slug } } pageInfo { hasNextPage } } categories { slug } }
            """, token: null);

        Assert.Null(result["errors"]);
        Assert.NotNull(result["data"]!["products"]!["nodes"]);
        Assert.NotNull(result["data"]!["categories"]);
        Assert.All(result["data"]!["products"]!["nodes"]!.AsArray(), node => Assert.NotNull(node!["category"]));
    }

    [Fact]
    public async Task Me_is_the_signed_in_shopper_and_an_authentication_error_for_anyone_else()
    {
        var ct = TestContext.Current.CancellationToken;
        var shopper = await SystemAccounts.ShopperAsync(system, 1, ct);

        var signedIn = await PostAsync("{ me { profile { email } addresses { label } orders(first: 5) { nodes { id number status placedAt } pageInfo { hasNextPage } } } }",
            shopper.AccessToken);
        var anonymous = await PostAsync("{ me { profile { email } } }", token: null);

        Assert.Null(signedIn["errors"]);
        Assert.Equal(shopper.Email, signedIn["data"]!["me"]!["profile"]!["email"]!.GetValue<string>(), ignoreCase: true);
        Assert.Equal("UNAUTHENTICATED", anonymous["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        // Ordering's own page, read through the shopper's token: whatever this shopper has ordered so far, in Ordering's shape.
        Assert.NotNull(signedIn["data"]!["me"]!["orders"]!["nodes"]!.AsArray());
    }

    private async Task<JsonNode> PostAsync(string query, string? token)
    {
        var ct = TestContext.Current.CancellationToken;
        using var gateway = ClientAddresses.GatewayClient(system, ClientAddresses.Next());
        if (token is not null) gateway.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await gateway.PostAsJsonAsync("/graphql", new { query }, ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(ct))!;
    }
}
