using System.Diagnostics.Metrics;
using Npgsql;
using Grocery.Delivery.Telemetry;

namespace Grocery.Delivery.Background;

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
