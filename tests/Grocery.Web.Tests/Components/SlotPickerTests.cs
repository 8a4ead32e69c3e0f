using System.Security.Claims;
using Grocery.Contracts.Delivery;
using Grocery.Web.Components.Shared;
using Grocery.Web.Services;
using Grocery.Web.Shopping;
using Microsoft.Extensions.DependencyInjection;

namespace Grocery.Web.Tests.Components;

public sealed class SlotPickerTests : StorefrontTestContext
{
    private static readonly Guid Zone = Guid.NewGuid();
    private readonly FakeSlots _delivery = new();
    private readonly LiveSlots _live = new();

    public SlotPickerTests()
    {
        Services.AddSingleton<IDeliverySlots>(_delivery);
        Services.AddSingleton(_live);
        var auth = AddAuthorization();
        auth.SetAuthorized("shopper@example.com");
        auth.SetClaims(new Claim(ShopperTokens.AccessToken, "shopper-token"));
        var tomorrow = Now.AddDays(1);
        _delivery.Slots.AddRange(
        [
            Slot(Now.AddHours(2), fee: 15_000, remaining: 12, available: true, peak: false),
            Slot(Now.AddHours(10), fee: 25_000, remaining: 3, available: true, peak: true),
            Slot(Now.AddHours(12), fee: 25_000, remaining: 0, available: false, peak: true),
            Slot(tomorrow.AddHours(2), fee: 15_000, remaining: 30, available: true, peak: false),
        ]);
    }

    [Fact]
    public void Each_window_shows_its_fee_and_places_left_and_a_full_window_cannot_be_chosen()
    {
        UseLanguage("en");

        var picker = Render<SlotPicker>(p => p.Add(c => c.ZoneId, Zone));

        var windows = picker.FindAll("[data-testid=slot]");
        Assert.Equal(3, windows.Count); // today's windows; tomorrow is another tab
        Assert.Contains("10:00–12:00", windows[0].TextContent);
        Assert.Contains("₫15,000", windows[0].TextContent);
        Assert.Contains("₫25,000 · peak", windows[1].TextContent);
        Assert.Contains("Only 3 left", windows[1].TextContent);
        Assert.Contains("Full", windows[2].TextContent);
        Assert.True(windows[2].HasAttribute("disabled"));
        Assert.Equal(2, picker.FindAll("[role=tab]").Count);
    }

    [Fact]
    public void Choosing_a_window_holds_it_for_the_signed_in_shopper_and_counts_down_to_the_expiry()
    {
        UseLanguage("en");
        var picker = Render<SlotPicker>(p => p.Add(c => c.ZoneId, Zone));

        picker.FindAll("[data-testid=slot]")[0].Click();

        Assert.Equal(("shopper-token", _delivery.Slots[0].Id), _delivery.Holds.Single());
        picker.WaitForAssertion(() => Assert.Equal("60:00", picker.Find("[data-testid=countdown]").TextContent));
        Assert.Equal($"/checkout?hold={_delivery.HoldId}", picker.Find("[data-testid=to-checkout]").GetAttribute("href"));
    }

    [Fact]
    public void A_hold_that_runs_out_says_so_and_asks_for_a_new_slot()
    {
        UseLanguage("en");
        var picker = Render<SlotPicker>(p => p.Add(c => c.ZoneId, Zone));
        picker.FindAll("[data-testid=slot]")[0].Click();

        Clock.Advance(TimeSpan.FromMinutes(61));
        picker.Render();

        Assert.Contains("Your hold has expired", picker.Find("[data-testid=hold]").TextContent);
        Assert.Empty(picker.FindAll("[data-testid=to-checkout]"));
    }

    [Fact]
    public void With_Delivery_down_the_picker_says_slots_are_unavailable_in_Vietnamese()
    {
        UseLanguage("vi");
        _delivery.Down = true;

        var picker = Render<SlotPicker>(p => p.Add(c => c.ZoneId, Zone));

        Assert.NotEmpty(picker.Find("[data-testid=slots-unavailable]").TextContent);
        Assert.Empty(picker.FindAll("[data-testid=slot]"));
    }

    [Fact]
    public void Fees_are_shown_in_dong_after_the_amount_in_Vietnamese()
    {
        UseLanguage("vi");

        var picker = Render<SlotPicker>(p => p.Add(c => c.ZoneId, Zone));

        Assert.Contains("15.000 ₫", picker.FindAll("[data-testid=slot]")[0].TextContent);
    }

    [Fact]
    public void A_window_that_fills_up_while_the_picker_is_open_shows_as_full_and_cannot_be_chosen()
    {
        UseLanguage("en");
        var picker = Render<SlotPicker>(p => p.Add(c => c.ZoneId, Zone));
        var filling = _delivery.Slots[0];

        _live.Apply(Changed(filling, remaining: 0), version: 7);

        picker.WaitForAssertion(() =>
        {
            var window = picker.Find($"[data-slot-id='{filling.Id}']");
            Assert.Contains("Full", window.TextContent);
            Assert.True(window.HasAttribute("disabled"));
            Assert.Contains("1 open", picker.FindAll("[role=tab]")[0].TextContent);
        });
    }

    [Fact]
    public void The_places_left_follow_the_latest_announcement_and_a_late_older_one_is_ignored()
    {
        UseLanguage("en");
        var picker = Render<SlotPicker>(p => p.Add(c => c.ZoneId, Zone));
        var slot = _delivery.Slots[0];

        _live.Apply(Changed(slot, remaining: 4), version: 12);
        _live.Apply(Changed(slot, remaining: 9), version: 11);

        picker.WaitForAssertion(() => Assert.Contains("Only 4 left", picker.Find($"[data-slot-id='{slot.Id}']").TextContent));
        Assert.Equal(4, _live.Current(slot.Id)!.Remaining);
    }

    [Fact]
    public void A_window_closed_by_the_store_says_closed_and_a_full_one_reopening_can_be_chosen_again()
    {
        UseLanguage("en");
        var picker = Render<SlotPicker>(p => p.Add(c => c.ZoneId, Zone));
        var (open, full) = (_delivery.Slots[1], _delivery.Slots[2]);

        _live.Apply(Changed(open, remaining: 3, closed: true), version: 1);
        _live.Apply(Changed(full, remaining: 2), version: 1);

        picker.WaitForAssertion(() =>
        {
            Assert.Contains("Closed", picker.Find($"[data-slot-id='{open.Id}']").TextContent);
            Assert.True(picker.Find($"[data-slot-id='{open.Id}']").HasAttribute("disabled"));
            Assert.Contains("Only 2 left", picker.Find($"[data-slot-id='{full.Id}']").TextContent);
        });
        picker.Find($"[data-slot-id='{full.Id}']").Click();
        Assert.Equal(full.Id, _delivery.Holds.Single().SlotId);
    }

    [Fact]
    public void Another_zone_s_announcements_leave_the_picker_alone()
    {
        UseLanguage("en");
        var picker = Render<SlotPicker>(p => p.Add(c => c.ZoneId, Zone));
        var slot = _delivery.Slots[0];

        _live.Apply(Changed(slot, remaining: 0) with { ZoneId = Guid.NewGuid() }, version: 3);

        Assert.Contains("Places available", picker.Find($"[data-slot-id='{slot.Id}']").TextContent);
        Assert.False(picker.Find($"[data-slot-id='{slot.Id}']").HasAttribute("disabled"));
    }

    private static SlotAvailabilityChangedIntegrationEvent Changed(DeliverySlot slot, int remaining, bool closed = false) =>
        new(slot.Id, slot.ZoneId, slot.WindowStart, slot.WindowEnd, slot.Capacity, remaining, closed);

    private static DeliverySlot Slot(DateTimeOffset start, decimal fee, int remaining, bool available, bool peak)
    {
        var local = start.ToOffset(TimeSpan.FromHours(7));
        return new DeliverySlot(Guid.NewGuid(), Zone, start, start.AddHours(2), local, local.AddHours(2), start.AddHours(-1), 30, remaining, fee, peak, false, available);
    }

    private sealed class FakeSlots : IDeliverySlots
    {
        public List<DeliverySlot> Slots { get; } = [];
        public List<(string Token, Guid SlotId)> Holds { get; } = [];
        public Guid HoldId { get; } = Guid.NewGuid();
        public bool Down { get; set; }

        public Task<IReadOnlyList<DeliverySlot>> GetSlotsAsync(Guid zoneId, CancellationToken cancellationToken = default) =>
            Down ? throw new HttpRequestException("Delivery is down") : Task.FromResult<IReadOnlyList<DeliverySlot>>(Slots);

        public Task<ApiResult<SlotHold>> HoldAsync(string accessToken, Guid slotId, CancellationToken cancellationToken = default)
        {
            Holds.Add((accessToken, slotId));
            return Task.FromResult(new ApiResult<SlotHold>(new SlotHold(HoldId, slotId, Now.AddHours(1), null), null, 201));
        }

        public Task<ApiResult<ExtendedHold>> ExtendAsync(string accessToken, Guid holdId, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();
    }
}
