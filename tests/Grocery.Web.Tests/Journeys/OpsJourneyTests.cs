using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Confluent.Kafka;
using Grocery.Contracts;
using Grocery.Contracts.Delivery;
using Grocery.Contracts.Ordering;
using Grocery.Messaging.Topics;
using Grocery.Web.Services;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Grocery.Web.Tests.Journeys;

/// <summary>
/// The admin's pages against the running system: a dead letter made the way production makes one (Inventory hears
/// that an order's delivery failed before it heard the order was picked, retries and gives up), replayed from the
/// messages page once the order's picking is known, after which it leaves the list; and a role granted on the users page.
/// </summary>
public sealed class OpsJourneyTests(StorefrontFixture system)
{
    private const string Postcode = "71000";
    private static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };
    private static readonly ViewportSize Desktop = new() { Width = 1280, Height = 800 };
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    [Fact]
    public async Task An_admin_replays_a_dead_letter_and_sees_it_leave_the_list()
    {
        SetDefaultExpectTimeout(30_000);
        var ct = Xunit.TestContext.Current.CancellationToken;
        var warehouse = await StaffAccounts.WarehouseServingAsync(system, Postcode, ct);
        var sku = await InStockSkuAsync(warehouse, ct);
        var orderId = Guid.NewGuid();
        using var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = await KafkaAsync(ct) }).Build();
        using var inventory = await StaffAccounts.AdminClientAsync(system, ResourceNames.Inventory, ct);

        // Delivery's failure arrives first: Inventory has no picking to return stock from, retries, and dead-letters it.
        var failed = await ProduceAsync(producer, new ShipmentFailedIntegrationEvent(orderId, Guid.NewGuid(), "in-house", "Nobody home", DateTimeOffset.UtcNow), ct);
        var deadLetterId = await WaitForDeadLetterAsync(inventory, failed, ct);

        await using var desktop = await NewContextAsync(Desktop, english: false);
        var page = await desktop.NewPageAsync();
        var (email, password) = await StaffAccounts.AdminAsync(system, ct);
        await StaffJourneyTests.SignInAsync(page, email, password, "/staff/ops/messages");
        var letter = page.Locator($"[data-service=inventory] [data-testid=dead-letter][data-message-id='{failed}']");
        await Expect(letter).ToBeVisibleAsync();
        await Expect(letter).ToContainTextAsync("ShipmentFailed");
        await ShoppingJourneyTests.Screenshot(page, "ops-messages", "desktop-vi");
        await using var phone = await NewContextAsync(Phone, english: true, await desktop.StorageStateAsync());
        var small = await phone.NewPageAsync();
        await small.GotoAsync("/staff/ops/messages");
        await Expect(small.Locator($"[data-testid=dead-letter][data-message-id='{failed}']")).ToBeVisibleAsync();
        await ShoppingJourneyTests.Screenshot(small, "ops-messages", "phone-en");

        // The order is then reserved and picked, as it would have been; now the failure has stock to bring back.
        inventory.DefaultRequestHeaders.Add("Idempotency-Key", orderId.ToString());
        using var reserved = await inventory.PostAsJsonAsync("/api/v1/reservations",
            new { orderId, warehouseId = warehouse, lines = new[] { new { sku, quantity = 1m } } }, ct);
        Assert.Equal(HttpStatusCode.Created, reserved.StatusCode);
        await ProduceAsync(producer, new OrderPickedIntegrationEvent(orderId, warehouse,
            [new PickedLine(sku, 1m, 1m, null, null, 10_000m)], DateTimeOffset.UtcNow), ct);
        await Eventually(async () => (await inventory.GetFromJsonAsync<JsonElement>($"/api/v1/reservations/{orderId}", ct))
            .GetProperty("status").GetString() == "consumed", "the reservation is consumed by the picking", ct);

        await page.ReloadAsync();
        await letter.GetByTestId("replay").ClickAsync();
        await page.WaitForURLAsync(new Regex("/staff/ops/messages\\?done=replay"));
        await Expect(page.GetByTestId("staff-done")).ToContainTextAsync($"inventory #{deadLetterId}");
        await Expect(letter).ToHaveCountAsync(0);
        using var resolved = await inventory.GetAsync($"/api/v1/ops/messaging/dead-letters/{deadLetterId}", ct);
        Assert.Equal("Replayed", (await resolved.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("summary").GetProperty("status").GetString());
    }

    [Fact]
    public async Task An_admin_grants_the_picker_role_and_the_user_can_pick_after_signing_in_again()
    {
        SetDefaultExpectTimeout(30_000);
        var ct = Xunit.TestContext.Current.CancellationToken;
        var warehouse = await StaffAccounts.WarehouseServingAsync(system, Postcode, ct);
        var newcomer = await StaffAccounts.CreateAsync(system, "newcomer", null, null, ct);
        await using var newcomerPhone = await NewContextAsync(Phone, english: false);
        var theirs = await newcomerPhone.NewPageAsync();
        await StaffJourneyTests.SignInAsync(theirs, newcomer, "/");
        Assert.Equal(403, (await theirs.GotoAsync("/staff/picking"))!.Status);

        await using var desktop = await NewContextAsync(Desktop, english: true);
        var admin = await desktop.NewPageAsync();
        var (email, password) = await StaffAccounts.AdminAsync(system, ct);
        await StaffJourneyTests.SignInAsync(admin, email, password, "/staff/ops");
        await Expect(admin.GetByTestId("orders-per-hour")).ToBeVisibleAsync();
        await Expect(admin.GetByTestId("saga-outcomes")).ToBeVisibleAsync();
        await ShoppingJourneyTests.Screenshot(admin, "ops-overview", "desktop-en");
        await admin.GotoAsync("/staff/ops/capacity");
        await Expect(admin.Locator($"[data-testid=warehouse-stock][data-warehouse-id='{warehouse}']")).ToBeVisibleAsync();
        await Expect(admin.GetByTestId("zone-utilisation").First).ToBeVisibleAsync();
        await ShoppingJourneyTests.Screenshot(admin, "ops-capacity", "desktop-en");
        await admin.GotoAsync("/staff/ops/users");
        await admin.GetByTestId("user-email").FillAsync(newcomer.Email);
        await admin.GetByTestId("find-user").ClickAsync();
        var user = admin.Locator($"[data-testid=user][data-user-id='{newcomer.Id}']");
        await Expect(user.Locator("[data-role=picker]")).ToHaveAttributeAsync("data-granted", "false");
        await admin.GetByTestId("grant-picker").ClickAsync();
        await Expect(admin.GetByTestId("staff-done")).ToBeVisibleAsync();
        await Expect(user.Locator("[data-role=picker]")).ToHaveAttributeAsync("data-granted", "true");
        await admin.GetByTestId("warehouse").SelectOptionAsync(warehouse.ToString());
        await admin.GetByTestId("assign-warehouse").ClickAsync();
        await Expect(admin.GetByTestId("staff-done")).ToBeVisibleAsync();
        await Expect(admin.Locator("[data-testid=warehouse] option:checked")).ToHaveAttributeAsync("value", warehouse.ToString());
        await ShoppingJourneyTests.Screenshot(admin, "ops-users", "desktop-en");

        await using var adminPhone = await NewContextAsync(Phone, english: false, await desktop.StorageStateAsync());
        var small = await adminPhone.NewPageAsync();
        await small.GotoAsync("/staff/ops");
        await Expect(small.GetByTestId("orders-per-hour")).ToBeVisibleAsync();
        await ShoppingJourneyTests.Screenshot(small, "ops-overview", "phone-vi");
        await small.GotoAsync("/staff/ops/capacity");
        await Expect(small.GetByTestId("zone-utilisation").First).ToBeVisibleAsync();
        await ShoppingJourneyTests.Screenshot(small, "ops-capacity", "phone-vi");
        await small.GotoAsync($"/staff/ops/users?user={newcomer.Id}");
        await Expect(small.Locator("[data-role=picker]")).ToHaveAttributeAsync("data-granted", "true");
        await ShoppingJourneyTests.Screenshot(small, "ops-users", "phone-vi");

        // Roles and the warehouse travel in the sign-in: signing in again brings the picker to their warehouse's queue.
        await theirs.GotoAsync("/");
        await theirs.Locator("form[action='/account/sign-out'] button").ClickAsync();
        await StaffJourneyTests.SignInAsync(theirs, newcomer, "/staff/picking");
        // The queue (or its empty notice) is of their own warehouse: without one they would be asked to choose.
        await Expect(theirs.Locator("[data-testid=picking-queue], [data-testid=queue-empty]").First).ToBeVisibleAsync();
    }

    private async Task<string> KafkaAsync(CancellationToken ct) =>
        (await ((IResourceWithConnectionString)system.Resource(ResourceNames.Kafka)).GetConnectionStringAsync(ct))!;

    /// <summary>Publishes an event as its service would (CloudEvents envelope, its topic, its key); returns the message id.</summary>
    private static async Task<string> ProduceAsync(IProducer<string, string> producer, IIntegrationEvent @event, CancellationToken ct)
    {
        var registration = GroceryTopics.Registry.Get(@event.GetType());
        var id = Guid.CreateVersion7().ToString();
        var envelope = new
        {
            specversion = "1.0", id, type = registration.TypeName, source = "/grocery/ops-journey", time = DateTimeOffset.UtcNow,
            subject = @event.PartitionKey, datacontenttype = "application/json", correlationid = Guid.NewGuid().ToString(),
            causationid = (string?)null, traceparent = (string?)null, data = JsonSerializer.SerializeToElement(@event, @event.GetType(), Json),
        };
        await producer.ProduceAsync(registration.Topic.Name,
            new Message<string, string> { Key = @event.PartitionKey, Value = JsonSerializer.Serialize(envelope, Json) }, ct);
        return id;
    }

    private static async Task<long> WaitForDeadLetterAsync(HttpClient inventory, string messageId, CancellationToken ct)
    {
        long id = 0;
        await Eventually(async () =>
        {
            var letters = await inventory.GetFromJsonAsync<List<JsonElement>>("/api/v1/ops/messaging/dead-letters?status=Pending&limit=1000", ct);
            var ours = letters!.FirstOrDefault(l => l.GetProperty("messageId").GetString() == messageId);
            if (ours.ValueKind == JsonValueKind.Undefined) return false;
            id = ours.GetProperty("id").GetInt64();
            return true;
        }, $"Inventory dead-letters message {messageId}", ct);
        return id;
    }

    private static async Task Eventually(Func<Task<bool>> condition, string what, CancellationToken ct)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(90);
        while (!await condition())
        {
            if (DateTimeOffset.UtcNow > deadline) throw new TimeoutException($"Waited 90 s for: {what}.");
            await Task.Delay(500, ct);
        }
    }

    private async Task<string> InStockSkuAsync(Guid warehouse, CancellationToken ct)
    {
        using var catalog = system.App.CreateHttpClient(ResourceNames.Catalog);
        var categories = await catalog.GetFromJsonAsync<List<CategorySummary>>("/api/v1/categories", ApiJson.Options, ct) ?? [];
        foreach (var leaf in categories.SelectMany(c => c.Children is not { Count: > 0 } ? [c] : c.Children))
        {
            var listing = await catalog.GetFromJsonAsync<ProductPage>(
                $"/api/v1/products?category={Uri.EscapeDataString(leaf.Slug)}&warehouse={warehouse}&inStock=true&limit=24", ApiJson.Options, ct);
            if (listing?.Items.FirstOrDefault(p => !p.SoldByWeight && p.Availability == "in_stock") is { } product) return product.Sku;
        }
        throw new InvalidOperationException($"No product is in stock at warehouse {warehouse}.");
    }

    private async Task<IBrowserContext> NewContextAsync(ViewportSize viewport, bool english, string? storageState = null)
    {
        var context = await system.Browser.NewContextAsync(new()
        {
            ViewportSize = viewport, BaseURL = system.WebAddress.ToString(), HasTouch = viewport.Width < 600, StorageState = storageState,
        });
        await context.AddCookiesAsync([new Microsoft.Playwright.Cookie { Name = ".AspNetCore.Culture", Value = english ? "c=en|uic=en" : "c=vi|uic=vi", Url = system.WebAddress.ToString() }]);
        context.SetDefaultTimeout(30_000);
        return context;
    }
}
