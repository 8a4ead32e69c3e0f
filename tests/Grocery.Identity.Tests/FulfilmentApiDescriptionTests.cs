using System.Net.Http.Json;
using System.Text.Json;

namespace Grocery.Identity.Tests;

public sealed class FulfilmentApiDescriptionTests(SharedIdentityApp shared) : IClassFixture<SharedIdentityApp>
{
    [Theory]
    [InlineData("/api/v1/auth/token", "post", "200")]
    [InlineData("/api/v1/users/{id}/warehouse", "put", "200")]
    [InlineData("/api/v1/users/{id}/warehouse", "delete", "204")]
    [InlineData("/api/v1/users/{id}/contact", "get", "200")]
    public async Task The_fulfilment_endpoints_are_described_with_a_summary_and_their_success_response(string path, string method, string status)
    {
        using var client = shared.App.NewClient();

        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json", TestContext.Current.CancellationToken);

        var operation = document.GetProperty("paths").GetProperty(path).GetProperty(method);
        Assert.False(string.IsNullOrWhiteSpace(operation.GetProperty("summary").GetString()));
        Assert.True(operation.GetProperty("responses").TryGetProperty(status, out _), operation.ToString());
    }

    [Fact]
    public async Task The_token_endpoint_is_described_as_taking_a_form()
    {
        using var client = shared.App.NewClient();

        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json", TestContext.Current.CancellationToken);

        var content = document.GetProperty("paths").GetProperty("/api/v1/auth/token").GetProperty("post").GetProperty("requestBody").GetProperty("content");
        Assert.True(content.TryGetProperty("application/x-www-form-urlencoded", out _), content.ToString());
    }
}
