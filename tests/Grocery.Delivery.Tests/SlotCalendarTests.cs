using Grocery.Delivery.Apis;
using Grocery.Delivery.Background;
using Grocery.Delivery.Domain;
using Grocery.Delivery.Slots;

namespace Grocery.Delivery.Tests;

public sealed class SlotCalendarTests(DeliveryInfrastructure infrastructure)
{
    // Europe/London springs forward at 01:00 UTC on Sunday 29 March 2026 and falls back at 01:00 UTC on Sunday 25 October 2026.
    [Theory]
    [InlineData("2026-03-26T12:00:00Z", "2026-03-28", 8, "2026-03-30", 7)]
    [InlineData("2026-10-22T12:00:00Z", "2026-10-24", 7, "2026-10-26", 8)]
    public async Task A_london_zone_keeps_its_windows_and_cutoffs_on_local_time_across_the_clock_change(
        string now, string before, int utcHourBefore, string after, int utcHourAfter)
    {
        await using var app = new DeliveryApp(infrastructure, DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture));
        await app.StartAsync();
        var zone = await app.CreateZoneAsync(DeliveryApp.ZoneRequest(capacity: 10, timeZone: "Europe/London", cutoffMinutes: 600,
            windows: [(new TimeOnly(8, 0), new TimeOnly(9, 0))]));

        var slots = await app.SlotsAsync(zone.Id);

        var beforeSlot = slots.Single(s => s.LocalWindowStart.Date == DateTime.Parse(before, System.Globalization.CultureInfo.InvariantCulture));
        var afterSlot = slots.Single(s => s.LocalWindowStart.Date == DateTime.Parse(after, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(utcHourBefore, beforeSlot.WindowStart.UtcDateTime.Hour);
        Assert.Equal(utcHourAfter, afterSlot.WindowStart.UtcDateTime.Hour);
        foreach (var slot in new[] { beforeSlot, afterSlot })
        {
            Assert.Equal(new TimeSpan(8, 0, 0), slot.LocalWindowStart.TimeOfDay);
            Assert.Equal(new TimeSpan(9, 0, 0), slot.LocalWindowEnd.TimeOfDay);
            Assert.Equal(TimeSpan.FromHours(1), slot.WindowEnd - slot.WindowStart);
            // The cut-off is a fixed lead time before the window's real start instant, so it moves with the window.
            Assert.Equal(slot.WindowStart.AddMinutes(-600), slot.CutoffAt);
        }
    }

    [Fact]
    public async Task The_calendar_covers_seven_days_and_regenerating_it_adds_nothing()
    {
        await using var app = new DeliveryApp(infrastructure, new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
        await app.StartAsync();
        var zone = await app.CreateZoneAsync(DeliveryApp.ZoneRequest(capacity: 3));
        var generator = app.Services.GetRequiredService<SlotCalendarGenerator>();

        var addedAgain = await generator.GenerateAsync(CancellationToken.None);
        app.Clock.Advance(TimeSpan.FromDays(1));
        var addedNextDay = await generator.GenerateAsync(CancellationToken.None);

        Assert.Equal(0, addedAgain);
        Assert.Equal(2, addedNextDay);
        var slots = await app.WithDbAsync(db => db.Slots.AsNoTracking().Where(s => s.ZoneId == zone.Id).ToListAsync());
        Assert.Equal(16, slots.Count);
        Assert.Equal(slots.Count, slots.Select(s => s.WindowStart).Distinct().Count());
    }

    [Fact]
    public void A_time_skipped_by_spring_forward_moves_forward_and_a_repeated_time_means_its_first_occurrence()
    {
        var london = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

        var skipped = ZoneClock.ToUtc(new DateOnly(2026, 3, 29), new TimeOnly(1, 30), london);
        var repeated = ZoneClock.ToUtc(new DateOnly(2026, 10, 25), new TimeOnly(1, 30), london);

        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 0, 0, TimeSpan.Zero), skipped);
        Assert.Equal(new DateTimeOffset(2026, 10, 25, 0, 30, 0, TimeSpan.Zero), repeated);
    }

    [Fact]
    public void Area_names_match_without_case_accents_or_extra_spaces()
    {
        Assert.Equal(AreaName.Normalize("quan 1"), AreaName.Normalize("  QUẬN   1 "));
        Assert.Equal("dong da", AreaName.Normalize("Đống Đa"));
    }

    [Fact]
    public void Peak_windows_use_the_peak_fee_unless_the_template_names_its_own_and_big_baskets_ride_free()
    {
        var zone = new Zone { Name = "z", Carrier = "inhouse", StandardFee = 20_000m, PeakFee = 35_000m, FreeDeliveryThreshold = 800_000m };

        Assert.Equal(35_000m, zone.FeeFor(new SlotTemplate { IsPeak = true }));
        Assert.Equal(20_000m, zone.FeeFor(new SlotTemplate { IsPeak = false }));
        Assert.Equal(50_000m, zone.FeeFor(new SlotTemplate { IsPeak = true, Fee = 50_000m }));
        Assert.Equal(0m, zone.DeliveryFee(35_000m, 800_000m));
        Assert.Equal(35_000m, zone.DeliveryFee(35_000m, 799_999m));
    }
}
