using Grocery.Delivery.Apis;
using Microsoft.AspNetCore.Mvc;

namespace Grocery.Delivery.Tests;

public sealed class ZoneTests(DeliveryInfrastructure infrastructure) : IAsyncLifetime
{
    private readonly DeliveryApp _app = new(infrastructure, DateTimeOffset.UtcNow);

    public ValueTask InitializeAsync() => new(_app.StartAsync());

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task Lookup_finds_the_zone_by_postcode_or_by_district_ignoring_case_and_accents()
    {
        var request = DeliveryApp.ZoneRequest();
        var zone = await _app.CreateZoneAsync(request);
        using var client = _app.CreateClient();
        var district = request.Districts![0].Replace("Quận", "QUAN  ", StringComparison.Ordinal);

        var byPostcode = await client.GetFromJsonAsync<ZoneLookupResponse>($"/api/v1/zones/lookup?postcode={request.Postcodes![0]}");
        var byDistrict = await client.GetFromJsonAsync<ZoneLookupResponse>($"/api/v1/zones/lookup?district={Uri.EscapeDataString(district)}");

        Assert.Equal(zone.Id, byPostcode!.ZoneId);
        Assert.Equal(zone.Id, byDistrict!.ZoneId);
        Assert.Equal(request.WarehouseId, byDistrict.WarehouseId);
        Assert.Equal(200_000m, byDistrict.MinimumBasketValue);
    }

    [Fact]
    public async Task An_address_outside_every_zone_gets_a_422_problem()
    {
        using var client = _app.CreateClient();

        var response = await client.GetAsync("/api/v1/zones/lookup?postcode=999999");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>();
        Assert.Equal("We do not deliver to this address yet.", problem!.Title);
    }

    [Fact]
    public async Task A_lookup_without_postcode_or_district_is_a_validation_problem_naming_both()
    {
        using var client = _app.CreateClient();

        var response = await client.GetAsync("/api/v1/zones/lookup");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ValidationProblemDetails>();
        Assert.Contains("postcode", problem!.Errors.Keys);
        Assert.Contains("district", problem.Errors.Keys);
    }

    [Fact]
    public async Task A_zone_with_an_unknown_time_zone_or_carrier_is_rejected_field_by_field()
    {
        using var manager = _app.Manager();
        var request = DeliveryApp.ZoneRequest() with { TimeZone = "Mars/Olympus", Carrier = "pigeon" };

        var response = await manager.PostAsJsonAsync("/api/v1/zones", request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ValidationProblemDetails>();
        Assert.Contains("timeZone", problem!.Errors.Keys);
        Assert.Contains("carrier", problem.Errors.Keys);
    }

    [Fact]
    public async Task A_postcode_cannot_belong_to_two_zones()
    {
        var first = DeliveryApp.ZoneRequest();
        await _app.CreateZoneAsync(first);
        using var manager = _app.Manager();

        var response = await manager.PostAsJsonAsync("/api/v1/zones", DeliveryApp.ZoneRequest() with { Postcodes = first.Postcodes });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }
}
