using Grocery.Delivery.Background;
using System.Diagnostics.Metrics;
using Npgsql;

namespace Grocery.Delivery.Telemetry;

/// <summary>
/// Slot utilisation per zone for today and tomorrow (in the zone's time zone) on the "Grocery.Delivery"
/// meter, for the slot alert and the business dashboard. The gauges show what a background refresher
/// last read, so a scrape never queries the database.
/// </summary>
public static class DeliveryMetrics
{
    public const string MeterName = "Grocery.Delivery";

    /// <summary>The database is read at most this often, whatever the scrape interval.</summary>
    public static readonly TimeSpan DefaultRefreshInterval = TimeSpan.FromSeconds(30);

    public static IHostApplicationBuilder AddDeliveryMetrics(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<DeliveryMeter>();
        builder.Services.AddHostedService<SlotUtilisationRefresher>();
        return builder;
    }
}

internal sealed record ZoneDayCapacity(Guid ZoneId, string Zone, string Day, int Capacity, int Booked)
{
    /// <summary>Held and confirmed places over the capacity of the open slots; a day without open slots is 0.</summary>
    public double Utilisation => Capacity == 0 ? 0 : (double)Booked / Capacity;
}

internal sealed class DeliveryMeter
{
    private volatile IReadOnlyList<ZoneDayCapacity> _zones = [];

    public DeliveryMeter(IMeterFactory meters)
    {
        var meter = meters.Create(DeliveryMetrics.MeterName);
        meter.CreateObservableGauge("grocery.delivery.slots.utilisation",
            () => _zones.Select(z => new Measurement<double>(z.Utilisation, Tags(z))),
            description: "Held and confirmed places over the capacity of the open slots of a zone's day (0 to 1).");
        meter.CreateObservableGauge("grocery.delivery.slots.capacity",
            () => _zones.Select(z => new Measurement<int>(z.Capacity, Tags(z))),
            "{order}", "Places in the open slots of a zone's day.");
    }

    public void Report(IReadOnlyList<ZoneDayCapacity> zones) => _zones = zones;

    private static KeyValuePair<string, object?>[] Tags(ZoneDayCapacity z) =>
        [new("zone", z.Zone), new("zone_id", z.ZoneId.ToString()), new("day", z.Day)];
}
