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

internal sealed class SlotUtilisationRefresher(
    IServiceScopeFactory scopes,
    DeliveryMeter meter,
    TimeProvider time,
    IConfiguration configuration,
    ILogger<SlotUtilisationRefresher> logger) : BackgroundService
{
    // Every zone has both days, at zero without slots, so an alert compares against a series.
    private const string Sql = """
        SELECT z.id AS "ZoneId", z.name AS "Zone", d.day AS "Day",
               coalesce(sum(s.capacity), 0)::int AS "Capacity",
               coalesce(sum(s.held + s.confirmed), 0)::int AS "Booked"
        FROM delivery.zones z
        CROSS JOIN (VALUES (0, 'today'), (1, 'tomorrow')) AS d(offset_days, day)
        LEFT JOIN delivery.slots s ON s.zone_id = z.id AND NOT s.closed
            AND s.window_start >= (((@now AT TIME ZONE z.time_zone_id)::date + d.offset_days)::timestamp AT TIME ZONE z.time_zone_id)
            AND s.window_start < (((@now AT TIME ZONE z.time_zone_id)::date + d.offset_days + 1)::timestamp AT TIME ZONE z.time_zone_id)
        GROUP BY z.id, z.name, d.offset_days, d.day
        ORDER BY z.name, d.offset_days
        """;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = configuration.GetValue("Delivery:MetricsRefreshInterval", DeliveryMetrics.DefaultRefreshInterval);
        using var timer = new PeriodicTimer(interval, time);
        do
        {
            try
            {
                meter.Report(await ReadAsync(stoppingToken));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The last reading stays; a database outage has its own alerts.
                logger.LogWarning(e, "Reading slot utilisation for the metrics failed; retrying at the next tick");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    internal async Task<IReadOnlyList<ZoneDayCapacity>> ReadAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<DeliveryDbContext>();
        return await db.Database.SqlQueryRaw<ZoneDayCapacity>(Sql, new NpgsqlParameter("now", time.GetUtcNow()))
            .ToListAsync(cancellationToken);
    }
}
