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
        var request = DeliveryApp.ZoneRequest() with { TimeZone = "Mars/Olympus", Carrier = "pigeon" };
        using var manager = _app.Manager(request.WarehouseId);

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
        var second = DeliveryApp.ZoneRequest() with { Postcodes = first.Postcodes };
        using var manager = _app.Manager(second.WarehouseId);

        var response = await manager.PostAsJsonAsync("/api/v1/zones", second);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Fact]
    public async Task A_store_manager_shapes_only_the_zones_and_slots_of_their_own_warehouse_and_an_admin_any()
    {
        var zone = await _app.CreateZoneAsync(DeliveryApp.ZoneRequest());
        var slot = (await _app.SlotsAsync(zone.Id)).First();
        using var other = _app.Manager(Guid.NewGuid());
        using var unassigned = _app.ClientFor("manager-without-warehouse", ServiceDefaults.GroceryRoles.StoreManager);
        using var admin = _app.Admin();
        var template = new SlotTemplateRequest(DayOfWeek.Monday, new TimeOnly(7, 0), new TimeOnly(8, 0), 10, false, null, 60);

        var createElsewhere = await other.PostAsJsonAsync("/api/v1/zones", DeliveryApp.ZoneRequest() with { WarehouseId = zone.WarehouseId });
        var createUnassigned = await unassigned.PostAsJsonAsync("/api/v1/zones", DeliveryApp.ZoneRequest());
        var templateElsewhere = await other.PostAsJsonAsync($"/api/v1/zones/{zone.Id}/slot-templates", template);
        var overrideElsewhere = await other.PatchAsJsonAsync($"/api/v1/slots/{slot.Id}", new SlotOverrideRequest(true, null));
        var adminCreates = await admin.PostAsJsonAsync("/api/v1/zones", DeliveryApp.ZoneRequest());
        var adminTemplate = await admin.PostAsJsonAsync($"/api/v1/zones/{zone.Id}/slot-templates", template);
        var adminOverride = await admin.PatchAsJsonAsync($"/api/v1/slots/{slot.Id}", new SlotOverrideRequest(null, 30));

        Assert.All([createElsewhere, createUnassigned, templateElsewhere, overrideElsewhere], r => Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode));
        var problem = await overrideElsewhere.Content.ReadFromJsonAsync<ProblemDetails>();
        Assert.Equal(403, problem!.Status);
        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.NoContent),
            (adminCreates.StatusCode, adminTemplate.StatusCode, adminOverride.StatusCode));
        var stored = await _app.WithDbAsync(db => db.Slots.AsNoTracking().SingleAsync(s => s.Id == slot.Id));
        Assert.Equal((30, false), (stored.Capacity, stored.Closed));
        Assert.Equal(zone.Templates.Count + 1, await _app.WithDbAsync(db => db.SlotTemplates.CountAsync(t => t.ZoneId == zone.Id)));
    }

    [Fact]
    public async Task A_store_manager_lists_the_zones_of_their_own_warehouse_with_templates_and_never_another_warehouses()
    {
        var first = await _app.CreateZoneAsync(DeliveryApp.ZoneRequest());
        var second = await _app.CreateZoneAsync(DeliveryApp.ZoneRequest() with { WarehouseId = first.WarehouseId });
        var elsewhere = await _app.CreateZoneAsync(DeliveryApp.ZoneRequest());
        using var manager = _app.Manager(first.WarehouseId);
        using var other = _app.Manager(elsewhere.WarehouseId);
        using var unassigned = _app.ClientFor("manager-without-warehouse", ServiceDefaults.GroceryRoles.StoreManager);
        using var customer = _app.ClientFor("shopper");
        using var admin = _app.Admin();

        var own = (await manager.GetFromJsonAsync<List<ZoneResponse>>("/api/v1/zones"))!;
        var asAdmin = await admin.GetFromJsonAsync<List<ZoneResponse>>($"/api/v1/zones?warehouseId={first.WarehouseId}");
        var foreign = await other.GetAsync($"/api/v1/zones?warehouseId={first.WarehouseId}");
        var none = await unassigned.GetAsync("/api/v1/zones");
        var shopper = await customer.GetAsync($"/api/v1/zones?warehouseId={first.WarehouseId}");

        Assert.Equal(new[] { first.Id, second.Id }.Order(), own.Select(z => z.Id).Order());
        Assert.Equal(first.Templates.Count, own.Single(z => z.Id == first.Id).Templates.Count);
        Assert.Equal(own.Select(z => z.Id), asAdmin!.Select(z => z.Id));
        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        Assert.Equal(403, (await foreign.Content.ReadFromJsonAsync<ProblemDetails>())!.Status);
        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
        Assert.Contains("warehouseId", (await none.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors.Keys);
        Assert.Equal(HttpStatusCode.Forbidden, shopper.StatusCode);
    }
}
