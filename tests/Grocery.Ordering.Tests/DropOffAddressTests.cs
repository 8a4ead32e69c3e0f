using Grocery.Contracts.Identity;
using Grocery.Ordering.Addresses;
using Grocery.Ordering.Apis;
using Microsoft.EntityFrameworkCore;

namespace Grocery.Ordering.Tests;

public sealed class DropOffAddressTests(OrderingInfrastructure infrastructure)
{
    [Fact]
    public async Task Checkout_with_a_saved_address_reads_it_from_identity_as_the_shopper_and_delivers_there()
    {
        var app = await infrastructure.SharedAppAsync();
        var shopper = await new Shopper(app, infrastructure).ReadyAsync();
        infrastructure.IdentityProfiles.AddProfile(shopper.UserId, "Trần Thị Bình", "+84912345678");
        var saved = infrastructure.IdentityProfiles.AddAddress(shopper.UserId, "45 Nguyễn Huệ", "Quận 1", shopper.Zone.Postcode);

        var response = await shopper.CheckoutAsync(request: shopper.Request with { Address = null, AddressId = saved.Id });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var order = (await response.Content.ReadFromJsonAsync<OrderResponse>(KafkaPeers.Json, TestContext.Current.CancellationToken))!;
        var dropOff = await DropOffAsync(app, order.Id);
        Assert.Equal(new DropOffResponse("Trần Thị Bình", "+84912345678", "45 Nguyễn Huệ, Phường Bến Nghé, Hồ Chí Minh", "Quận 1", shopper.Zone.Postcode, null, null), dropOff);
        var stored = await app.WithDbAsync(db => db.Orders.Where(o => o.Id == order.Id).Select(o => new { o.DropOffAddressId, o.Postcode, o.District }).SingleAsync());
        Assert.NotNull(stored.DropOffAddressId);
        Assert.Equal((shopper.Zone.Postcode, "Quận 1"), (stored.Postcode, stored.District));
    }

    [Fact]
    public async Task Another_shoppers_saved_address_is_refused_naming_the_address_id_and_nothing_is_written()
    {
        var app = await infrastructure.SharedAppAsync();
        var shopper = await new Shopper(app, infrastructure).ReadyAsync();
        var someoneElse = Guid.NewGuid().ToString();
        infrastructure.IdentityProfiles.AddProfile(shopper.UserId, "Trần Thị Bình", "+84912345678");
        var theirs = infrastructure.IdentityProfiles.AddAddress(someoneElse, "45 Nguyễn Huệ", "Quận 1", shopper.Zone.Postcode);

        var response = await shopper.CheckoutAsync(request: shopper.Request with { Address = null, AddressId = theirs.Id });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["addressId"], await SlotHoldCheckoutTests.ErrorKeysAsync(response));
        Assert.Equal(0, await app.WithDbAsync(db => db.Orders.CountAsync(o => o.UserId == shopper.UserId)));
    }

    [Fact]
    public async Task A_saved_address_needs_a_name_and_phone_on_the_profile_so_the_driver_can_reach_the_shopper()
    {
        var app = await infrastructure.SharedAppAsync();
        var shopper = await new Shopper(app, infrastructure).ReadyAsync();
        infrastructure.IdentityProfiles.AddProfile(shopper.UserId, "Trần Thị Bình", phone: null);
        var saved = infrastructure.IdentityProfiles.AddAddress(shopper.UserId, "45 Nguyễn Huệ", "Quận 1", shopper.Zone.Postcode);

        var response = await shopper.CheckoutAsync(request: shopper.Request with { Address = null, AddressId = saved.Id });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["addressId"], await SlotHoldCheckoutTests.ErrorKeysAsync(response));
        Assert.Contains("phone", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public void An_address_formatted_for_a_log_shows_none_of_its_fields()
    {
        var address = new DropOffAddress("Nguyễn Văn An", "+84901234567", "12 Lê Lợi", "Quận 1", "700000", 10.7769, 106.7009);

        var text = $"{address} {new DropOffResponse("Nguyễn Văn An", "+84901234567", "12 Lê Lợi", "Quận 1", "700000", null, null)}";

        Assert.DoesNotContain("Lê Lợi", text);
        Assert.DoesNotContain("+84901234567", text);
        Assert.DoesNotContain("Nguyễn", text);
    }

    [Fact]
    public async Task Checkout_with_a_new_address_keeps_it_with_its_coordinates_for_delivery()
    {
        var app = await infrastructure.SharedAppAsync();
        var shopper = await new Shopper(app, infrastructure).ReadyAsync();

        var order = await shopper.PlaceOrderAsync();

        Assert.Equal(new DropOffResponse("Nguyễn Văn An", "+84901234567", "12 Lê Lợi", "Quận 1", shopper.Zone.Postcode, 10.7769, 106.7009),
            await DropOffAsync(app, order.Id));
    }

    public static TheoryData<string, string> AddressChoices => new()
    {
        { "both", "address" },
        { "neither", "addressId" },
        { "bad phone", "address.phone" },
        { "no street", "address.street" },
        { "latitude alone", "address.longitude" },
        { "other postcode", "postcode" },
        { "other district", "district" },
    };

    [Theory]
    [MemberData(nameof(AddressChoices))]
    public async Task A_checkout_without_exactly_one_valid_address_is_refused_naming_the_field_and_writes_nothing(string choice, string field)
    {
        var app = await infrastructure.SharedAppAsync();
        var shopper = await new Shopper(app, infrastructure).ReadyAsync();
        var request = choice switch
        {
            "both" => shopper.Request with { AddressId = Guid.NewGuid() },
            "neither" => shopper.Request with { Address = null },
            "bad phone" => shopper.Request with { Address = shopper.Address with { Phone = "0901 234 567" } },
            "no street" => shopper.Request with { Address = shopper.Address with { Street = " " } },
            "latitude alone" => shopper.Request with { Address = shopper.Address with { Longitude = null } },
            "other postcode" => shopper.Request with { Postcode = "799999" },
            "other district" => shopper.Request with { District = "Quận 7" },
            _ => throw new ArgumentOutOfRangeException(nameof(choice)),
        };

        var response = await shopper.CheckoutAsync(request: request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([field], await SlotHoldCheckoutTests.ErrorKeysAsync(response));
        Assert.Equal(0, await app.WithDbAsync(db => db.Orders.CountAsync(o => o.UserId == shopper.UserId)));
        Assert.Equal(2, (await shopper.BasketAsync()).Lines.Count);
    }

    [Fact]
    public async Task The_address_is_encrypted_at_rest_with_a_key_ring_kept_in_redis()
    {
        var app = await infrastructure.SharedAppAsync();
        var shopper = await new Shopper(app, infrastructure).ReadyAsync();

        var order = await shopper.PlaceOrderAsync();

        var raw = await RawPayloadsAsync(app, order.Id);
        var payload = Assert.Single(raw);
        Assert.DoesNotContain("Lê Lợi", payload);
        Assert.DoesNotContain("Le Loi", payload);
        Assert.DoesNotContain("901234567", payload);
        Assert.DoesNotContain("Nguy", payload);
        await using var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(infrastructure.Redis.ConnectionString);
        Assert.True(await redis.GetDatabase().KeyExistsAsync(DropOffAddressProtector.KeyRingRedisKey));
    }

    [Fact]
    public async Task The_drop_off_answers_a_service_token_and_refuses_a_shopper_even_for_their_own_order()
    {
        var app = await infrastructure.SharedAppAsync();
        var shopper = await new Shopper(app, infrastructure).ReadyAsync();
        var order = await shopper.PlaceOrderAsync();
        var ct = TestContext.Current.CancellationToken;

        var asShopper = await shopper.Client.GetAsync($"/api/v1/dispatch/{order.Id}/drop-off", ct);
        var asService = await app.ClientFor("client:delivery", "service").GetAsync($"/api/v1/dispatch/{order.Id}/drop-off", ct);
        var unknown = await app.ClientFor("client:delivery", "service").GetAsync($"/api/v1/dispatch/{Guid.NewGuid()}/drop-off", ct);
        var anonymous = await app.CreateClient().GetAsync($"/api/v1/dispatch/{order.Id}/drop-off", ct);

        Assert.Equal(HttpStatusCode.Forbidden, asShopper.StatusCode);
        Assert.Equal(HttpStatusCode.OK, asService.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task Erasing_the_account_deletes_the_addresses_of_its_finished_orders_and_keeps_the_one_on_its_way()
    {
        var app = await infrastructure.SharedAppAsync();
        var shopper = await new Shopper(app, infrastructure).ReadyAsync();
        var finished = await shopper.PlaceOrderAsync();
        var cancel = await shopper.Client.PostAsync($"/api/v1/orders/{finished.Id}/cancel", null, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        await shopper.ReadyAsync();
        var onItsWay = await shopper.PlaceOrderAsync();

        await infrastructure.Peers.PublishAsync(new UserDeletedIntegrationEvent(Guid.Parse(shopper.UserId), DateTimeOffset.UtcNow));

        await Eventually.TrueAsync(async () => (await RawPayloadsAsync(app, finished.Id)).Count == 0, "the cancelled order's address is erased");
        Assert.Single(await RawPayloadsAsync(app, onItsWay.Id));
        Assert.NotNull(await DropOffAsync(app, onItsWay.Id));
    }

    private static async Task<DropOffResponse?> DropOffAsync(OrderingApp app, Guid orderId) =>
        await app.ClientFor("client:delivery", "service").GetFromJsonAsync<DropOffResponse>($"/api/v1/dispatch/{orderId}/drop-off", KafkaPeers.Json);

    /// <summary>The column as stored, read with SQL rather than through the model.</summary>
    private static Task<List<string>> RawPayloadsAsync(OrderingApp app, Guid orderId) =>
        app.WithDbAsync(db => db.Database
            .SqlQuery<string>($"SELECT \"ProtectedPayload\" AS \"Value\" FROM order_addresses WHERE \"OrderId\" = {orderId}")
            .ToListAsync());
}
