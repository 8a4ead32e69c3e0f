using System.Net.Http.Json;
using Aspire.Hosting.Testing;
using Grocery.Web.Services;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Grocery.Web.Tests.Journeys;

/// <summary>A shopper's open slot picker hears a window fill up, pushed by the storefront from Delivery's availability events.</summary>
public sealed class LiveSlotsJourneyTests(StorefrontFixture system)
{
    private const string Postcode = "71000";
    private static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    [Fact]
    public async Task An_open_slot_picker_shows_a_window_whose_last_place_is_taken_as_full_without_reloading()
    {
        SetDefaultExpectTimeout(30_000);
        var ct = Xunit.TestContext.Current.CancellationToken;
        await using var shopper = await system.Browser.NewContextAsync(new() { ViewportSize = Phone, BaseURL = system.WebAddress.ToString(), HasTouch = true });
        var page = await shopper.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        await page.GotoAsync("/");
        await ShoppingJourneyTests.ChooseAreaAsync(page, Postcode);
        await ShoppingJourneyTests.Register(page);
        await page.GotoAsync("/checkout/slot");
        await Expect(page.Locator("[data-testid=slot-picker][data-interactive=true]")).ToBeVisibleAsync();
        var open = page.Locator("[data-testid=slot]:not([disabled])").First;
        await Expect(open).ToBeVisibleAsync();
        var slotId = Guid.Parse((await open.GetAttributeAsync("data-slot-id"))!);
        var window = page.Locator($"[data-testid=slot][data-slot-id='{slotId}']");
        await page.EvaluateAsync("() => { window.stillTheSamePage = true; }");

        using var delivery = await StaffAccounts.AdminClientAsync(system, ResourceNames.Delivery, ct);
        var zone = await delivery.GetFromJsonAsync<ZoneLookup>($"/api/v1/zones/lookup?postcode={Postcode}", ct);
        var slots = await delivery.GetFromJsonAsync<List<DeliverySlot>>($"/api/v1/slots?zoneId={zone!.ZoneId}", ct);
        var slot = slots!.Single(s => s.Id == slotId);
        try
        {
            // The store takes the window down to the places already held or booked: its last place is gone.
            var takenAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            using var reduced = await delivery.PatchAsJsonAsync($"/api/v1/slots/{slotId}", new { capacity = slot.Capacity - slot.Remaining }, ct);
            Assert.True(reduced.IsSuccessStatusCode, $"Reducing capacity: {(int)reduced.StatusCode} {await reduced.Content.ReadAsStringAsync(ct)}");

            await Expect(window).ToBeDisabledAsync(new() { Timeout = 15_000 });
            await Expect(window.Locator(".places")).ToHaveTextAsync("Đã đầy");
            Assert.True(await page.EvaluateAsync<bool>("() => window.stillTheSamePage === true"));
            Xunit.TestContext.Current.TestOutputHelper?.WriteLine(
                $"Full shown about {DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - takenAt} ms after the capacity was taken.");
            await ShoppingJourneyTests.Screenshot(page, "live-slot-full", "phone-vi");
        }
        finally
        {
            // Later journeys may want the window: give its places back.
            using var restored = await delivery.PatchAsJsonAsync($"/api/v1/slots/{slotId}", new { capacity = slot.Capacity }, CancellationToken.None);
        }
        await Expect(window).ToBeEnabledAsync(new() { Timeout = 15_000 });
    }
}
