using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Grocery.ServiceDefaults.Tests;

public sealed class BadRequestTests : IAsyncLifetime
{
    private TestIdentityServer _identity = null!;

    public async ValueTask InitializeAsync() => _identity = await TestIdentityServer.StartAsync();

    public async ValueTask DisposeAsync() => await _identity.DisposeAsync();

    public sealed record Line(string Sku, int Quantity);

    public sealed record Order(string Name, IReadOnlyList<Line> Lines);

    private Task<ServiceHost> StartAsync(string environment) => ServiceHost.StartAsync(_identity, environment: environment, endpoints: app =>
    {
        app.MapGet("/api/v1/slots", (Guid zoneId, int? limit) => TypedResults.Ok(new { zoneId, limit }));
        app.MapGet("/api/v1/slots/{id:guid}", (Guid id) => TypedResults.Ok(id));
        app.MapPost("/api/v1/orders", (Order order) => TypedResults.Ok(order));
    });

    [Theory]
    [InlineData("Development")]
    [InlineData("Production")]
    public async Task Invalid_json_is_a_400_problem_in_every_environment(string environment)
    {
        await using var host = await StartAsync(environment);

        var response = await host.Client.PostAsync("/api/v1/orders", new StringContent("{", Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        var errors = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("$", errors.Keys);
    }

    [Theory]
    [InlineData("Development", """{"name":"a","lines":[{"sku":"x","quantity":"many"}]}""", "lines[0].quantity")]
    [InlineData("Production", """{"name":"a","lines":[{"sku":"x","quantity":1e40}]}""", "lines[0].quantity")]
    [InlineData("Development", """{"name":5,"lines":[]}""", "name")]
    public async Task A_value_of_the_wrong_type_names_its_json_path(string environment, string body, string field)
    {
        await using var host = await StartAsync(environment);

        var response = await host.Client.PostAsync("/api/v1/orders", new StringContent(body, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        var errors = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains(field, errors.Keys);
    }

    [Theory]
    [InlineData("Development", "/api/v1/slots?zoneId=abc", "zoneId")]
    [InlineData("Production", "/api/v1/slots?zoneId=abc", "zoneId")]
    [InlineData("Development", "/api/v1/slots", "zoneId")]
    [InlineData("Development", "/api/v1/slots?zoneId=6f9619ff-8b86-d011-b42d-00cf4fc964ff&limit=99999999999", "limit")]
    public async Task An_unreadable_query_parameter_is_a_400_naming_it(string environment, string url, string parameter)
    {
        await using var host = await StartAsync(environment);

        var response = await host.Client.GetAsync(url, TestContext.Current.CancellationToken);

        var errors = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains(parameter, errors.Keys);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_a_415_problem()
    {
        await using var host = await StartAsync("Development");

        var response = await host.Client.PostAsync("/api/v1/orders", new StringContent("name=a", Encoding.UTF8, "text/plain"), TestContext.Current.CancellationToken);

        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task A_valid_request_is_still_served()
    {
        await using var host = await StartAsync("Development");

        var response = await host.Client.PostAsJsonAsync("/api/v1/orders", new Order("a", [new Line("x", 2)]), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task<IReadOnlyDictionary<string, string[]>> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal((int)expected, document.RootElement.GetProperty("status").GetInt32());
        return document.RootElement.TryGetProperty("errors", out var errors)
            ? errors.Deserialize<Dictionary<string, string[]>>()!
            : new Dictionary<string, string[]>();
    }
}
