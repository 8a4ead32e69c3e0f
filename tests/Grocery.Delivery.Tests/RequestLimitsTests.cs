using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Grocery.Contracts.Delivery;
using Grocery.Contracts.Ordering;
using Grocery.Delivery.Apis;
using Grocery.Delivery.Carriers.InHouse;
using Grocery.Delivery.Domain;
using Grocery.Delivery.IntegrationEvents.EventHandling;
using Grocery.Messaging;
using Microsoft.AspNetCore.Mvc;

namespace Grocery.Delivery.Tests;

/// <summary>Every request field is checked against the limits of what Delivery stores; a refused request writes nothing.</summary>
public sealed class RequestLimitsTests(DeliveryInfrastructure infrastructure) : IAsyncLifetime
{
    private const string InHouseSecret = "limits-secret";

    private readonly DeliveryApp _app = new(infrastructure, DateTimeOffset.UtcNow, new Dictionary<string, string?>
    {
        ["Carriers:inhouse:WebhookSecret"] = InHouseSecret,
    });

    public ValueTask InitializeAsync() => new(_app.StartAsync());

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    /// <summary>A JSON path into a valid zone request, the JSON value put there, and the field the refusal must name.</summary>
    public static TheoryData<string, string, string> BadZones => new()
    {
        { "name", Quoted(new string('z', DeliveryLimits.ZoneNameMaxLength + 1)), "name" },
        { "name", "\"Zone\\u0000One\"", "name" },
        { "timeZone", Quoted(new string('t', DeliveryLimits.TimeZoneIdMaxLength + 1)), "timeZone" },
        { "minimumBasketValue", "-1", "minimumBasketValue" },
        { "standardFee", "1000000000000000000", "standardFee" },
        { "peakFee", "999999999999999999.6", "peakFee" },
        { "freeDeliveryThreshold", "10000000000000000000000", "freeDeliveryThreshold" },
        { "postcodes", Quoted(new string('7', AddressLimits.PostcodeMaxLength + 1), array: true), "postcodes[0]" },
        { "postcodes", "[null]", "postcodes[0]" },
        { "postcodes", "[\"  \"]", "postcodes[0]" },
        { "postcodes", "[\"70\\u00000\"]", "postcodes[0]" },
        { "postcodes", "MANY_POSTCODES", "postcodes" },
        { "districts", Quoted(new string('d', AddressLimits.DistrictMaxLength + 1), array: true), "districts[0]" },
        { "templates", "[null]", "templates[0]" },
        { "templates", "MANY_TEMPLATES", "templates" },
        { "templates[0].capacity", (DeliveryLimits.MaxSlotCapacity + 1).ToString(), "templates[0].capacity" },
        { "templates[0].cutoffMinutes", int.MaxValue.ToString(), "templates[0].cutoffMinutes" },
        { "templates[0].fee", "1000000000000000000", "templates[0].fee" },
        { "templates[0].dayOfWeek", "9", "templates[0].dayOfWeek" },
    };

    [Theory]
    [MemberData(nameof(BadZones))]
    public async Task A_zone_outside_the_limits_is_refused_naming_the_field_and_nothing_is_stored(string path, string value, string field)
    {
        var request = DeliveryApp.ZoneRequest();
        var body = JsonSerializer.SerializeToNode(request, JsonSerializerOptions.Web)!;
        Set(body, path, value switch
        {
            "MANY_POSTCODES" => new JsonArray(Enumerable.Range(0, DeliveryLimits.MaxAreasPerKind + 1).Select(i => (JsonNode)$"{i}").ToArray()),
            "MANY_TEMPLATES" => new JsonArray(Enumerable.Range(0, DeliveryLimits.MaxTemplatesPerZone + 1).Select(_ => body["templates"]![0]!.DeepClone()).ToArray()),
            _ => JsonNode.Parse(value),
        });
        using var manager = _app.Manager(request.WarehouseId);

        var response = await manager.PostAsync("/api/v1/zones", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
            TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ValidationProblemDetails>(TestContext.Current.CancellationToken);
        Assert.Contains(field, problem!.Errors.Keys);
        Assert.False(await _app.WithDbAsync(db => db.Zones.AnyAsync(z => z.WarehouseId == request.WarehouseId)));
    }

    [Fact]
    public async Task A_zone_at_every_limit_is_stored_and_found_by_its_longest_postcode_and_district()
    {
        var request = DeliveryApp.ZoneRequest() with
        {
            Name = new string('z', DeliveryLimits.ZoneNameMaxLength),
            MinimumBasketValue = DeliveryLimits.MaxAmount,
            StandardFee = DeliveryLimits.MaxAmount,
            PeakFee = DeliveryLimits.MaxAmount,
            FreeDeliveryThreshold = DeliveryLimits.MaxAmount,
            Postcodes = [Guid.NewGuid().ToString("N")[..AddressLimits.PostcodeMaxLength]],
            Districts = ["Quận " + Guid.NewGuid().ToString("N") + new string('x', AddressLimits.DistrictMaxLength - 37)],
        };
        request = request with
        {
            Templates = [request.Templates![0] with { Capacity = DeliveryLimits.MaxSlotCapacity, CutoffMinutes = DeliveryLimits.MaxCutoffMinutes, Fee = DeliveryLimits.MaxAmount }],
        };
        Assert.Equal(AddressLimits.DistrictMaxLength, request.Districts[0].Length);

        var zone = await _app.CreateZoneAsync(request);

        using var client = _app.CreateClient();
        var byPostcode = await client.GetFromJsonAsync<ZoneLookupResponse>($"/api/v1/zones/lookup?postcode={request.Postcodes[0]}", TestContext.Current.CancellationToken);
        var byDistrict = await client.GetFromJsonAsync<ZoneLookupResponse>($"/api/v1/zones/lookup?district={Uri.EscapeDataString(request.Districts[0])}",
            TestContext.Current.CancellationToken);
        Assert.Equal(zone.Id, byPostcode!.ZoneId);
        Assert.Equal(zone.Id, byDistrict!.ZoneId);
        Assert.Equal(DeliveryLimits.MaxAmount, byPostcode.StandardFee);
    }

    [Theory]
    [InlineData("postcode=12345678901234567", "postcode")]
    [InlineData("postcode=70%000000", "postcode")]
    [InlineData("district=Qu%01n", "district")]
    public async Task A_lookup_outside_the_limits_is_refused_naming_the_field(string query, string field)
    {
        using var client = _app.CreateClient();

        var response = await client.GetAsync($"/api/v1/zones/lookup?{query}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ValidationProblemDetails>(TestContext.Current.CancellationToken);
        Assert.Contains(field, problem!.Errors.Keys);
    }

    [Theory]
    [InlineData("capacity", "10001", "capacity")]
    [InlineData("cutoffMinutes", "100000", "cutoffMinutes")]
    [InlineData("fee", "1000000000000000000", "fee")]
    [InlineData("dayOfWeek", "7", "dayOfWeek")]
    public async Task A_slot_template_outside_the_limits_is_refused_naming_the_field_and_nothing_is_stored(string path, string value, string field)
    {
        var zone = await _app.CreateZoneAsync(DeliveryApp.ZoneRequest());
        var body = JsonSerializer.SerializeToNode(new SlotTemplateRequest(DayOfWeek.Monday, new TimeOnly(6, 0), new TimeOnly(7, 0), 10, false, null, 60),
            JsonSerializerOptions.Web)!;
        body[path] = JsonNode.Parse(value);
        using var manager = _app.Manager(zone.WarehouseId);

        var response = await manager.PostAsync($"/api/v1/zones/{zone.Id}/slot-templates", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
            TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ValidationProblemDetails>(TestContext.Current.CancellationToken);
        Assert.Contains(field, problem!.Errors.Keys);
        Assert.Equal(zone.Templates.Count, await _app.WithDbAsync(db => db.SlotTemplates.CountAsync(t => t.ZoneId == zone.Id)));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(DeliveryLimits.MaxSlotCapacity + 1)]
    public async Task A_slot_capacity_outside_the_limits_is_refused_and_the_slot_is_unchanged(int capacity)
    {
        var zone = await _app.CreateZoneAsync(DeliveryApp.ZoneRequest(capacity: 40));
        var slot = (await _app.SlotsAsync(zone.Id)).First();
        using var manager = _app.Manager(zone.WarehouseId);

        var response = await manager.PatchAsJsonAsync($"/api/v1/slots/{slot.Id}", new SlotOverrideRequest(null, capacity), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("capacity", (await response.Content.ReadFromJsonAsync<ValidationProblemDetails>(TestContext.Current.CancellationToken))!.Errors.Keys);
        Assert.Equal(40, (await _app.SlotsAsync(zone.Id)).Single(s => s.Id == slot.Id).Capacity);
    }

    [Fact]
    public async Task A_carrier_callback_with_an_overlong_event_id_is_refused_and_a_long_reason_is_kept_cut_to_fit()
    {
        var zone = await _app.CreateZoneAsync(DeliveryApp.ZoneRequest());
        var slot = (await _app.SlotsAsync(zone.Id)).First(s => s.Available);
        using var shopper = _app.ClientFor("limits-owner");
        var hold = (await (await shopper.PostAsync($"/api/v1/slots/{slot.Id}/holds", null, TestContext.Current.CancellationToken))
            .Content.ReadFromJsonAsync<SlotHoldResponse>(TestContext.Current.CancellationToken))!;
        var orderId = Guid.NewGuid();
        await HandleAsync<OrderPlacedIntegrationEvent, OrderPlacedHandler>(new(orderId, Guid.NewGuid(), zone.WarehouseId, zone.Id, slot.Id, hold.HoldId,
            slot.WindowStart, slot.WindowEnd, Contracts.PaymentMethod.CashOnDelivery, [], 500_000m, slot.Fee, DateTimeOffset.UtcNow));
        await HandleAsync<OrderReadyForDispatchIntegrationEvent, OrderReadyForDispatchHandler>(new(orderId, zone.WarehouseId, zone.Id, slot.Id,
            slot.WindowStart, slot.WindowEnd, Contracts.PaymentMethod.CashOnDelivery, 480_000m, 1, Guid.NewGuid()));
        using var carrier = _app.CreateClient();

        var overlong = await carrier.SendAsync(Callback(orderId, new string('e', DeliveryLimits.WebhookEventKeyMaxLength + 1), "Dispatched", null),
            TestContext.Current.CancellationToken);
        var longReason = await carrier.SendAsync(Callback(orderId, "evt-long", "Failed", "Gate closed\u0000 " + new string('r', 2_000)),
            TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, overlong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, longReason.StatusCode);
        var events = await _app.WithDbAsync(db => db.ShipmentEvents.AsNoTracking().Where(e => e.Status == ShipmentStatus.Failed).Select(e => e.Description).ToListAsync());
        var description = Assert.Single(events);
        Assert.Equal(DeliveryLimits.ShipmentEventDescriptionMaxLength, description.Length);
        Assert.StartsWith("Failed: Gate closed r", description);
    }

    private async Task HandleAsync<TEvent, THandler>(TEvent e) where TEvent : Contracts.IIntegrationEvent where THandler : IIntegrationEventHandler<TEvent>
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DeliveryDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        await ActivatorUtilities.CreateInstance<THandler>(scope.ServiceProvider).HandleAsync(e,
            new IntegrationEventContext(Guid.NewGuid().ToString(), "test", "ordering", DateTimeOffset.UtcNow, "key", Guid.NewGuid().ToString(), null,
                "ordering.events", 0, 0, 1, false), CancellationToken.None);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
    }

    private static HttpRequestMessage Callback(Guid orderId, string eventId, string status, string? reason)
    {
        var body = JsonSerializer.Serialize(new { eventId, reference = InHouseFleetCarrier.ReferenceFor(orderId), status, occurredAt = DateTimeOffset.UtcNow, reason });
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/carriers/inhouse/webhooks") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        var signature = Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(Encoding.UTF8.GetBytes(InHouseSecret), Encoding.UTF8.GetBytes(body)));
        request.Headers.Add(InHouseFleetCarrier.SignatureHeader, $"sha256={signature}");
        return request;
    }

    private static string Quoted(string value, bool array = false) => array ? $"[\"{value}\"]" : $"\"{value}\"";

    /// <summary>Sets a value at a path such as "templates[0].capacity".</summary>
    private static void Set(JsonNode root, string path, JsonNode? value)
    {
        var node = root;
        var parts = path.Split('.');
        foreach (var part in parts[..^1]) node = Step(node, part)!;
        var last = parts[^1];
        if (last.EndsWith(']'))
        {
            var name = last[..last.IndexOf('[')];
            node[name]![int.Parse(last[(last.IndexOf('[') + 1)..^1])] = value;
        }
        else
        {
            node[last] = value;
        }
    }

    private static JsonNode? Step(JsonNode node, string part) =>
        part.EndsWith(']') ? node[part[..part.IndexOf('[')]]![int.Parse(part[(part.IndexOf('[') + 1)..^1])] : node[part];
}
