using Grocery.Delivery.Apis;
using Npgsql;

namespace Grocery.Delivery.Slots;

/// <summary>
/// Each zone's days from today (in the zone's time zone): the places of its open slots, how many are held by shoppers
/// at checkout and how many back confirmed orders. Every zone has every day, at zero without slots, so a full day
/// and a day with nothing planned both show.
/// </summary>
public static class SlotUtilisation
{
    public const int DefaultDays = 3;
    public const int MaxDays = 14;

    private const string Sql = """
        SELECT z.id AS "ZoneId", z.name AS "Zone", z.warehouse_id AS "WarehouseId",
               ((@now AT TIME ZONE z.time_zone_id)::date + d.offset_days) AS "Day",
               (count(s.id) FILTER (WHERE NOT s.closed))::int AS "OpenSlots",
               (count(s.id) FILTER (WHERE s.closed))::int AS "ClosedSlots",
               coalesce(sum(s.capacity) FILTER (WHERE NOT s.closed), 0)::int AS "Capacity",
               coalesce(sum(s.held) FILTER (WHERE NOT s.closed), 0)::int AS "Held",
               coalesce(sum(s.confirmed) FILTER (WHERE NOT s.closed), 0)::int AS "Confirmed"
        FROM delivery.zones z
        CROSS JOIN generate_series(0, @days - 1) AS d(offset_days)
        LEFT JOIN delivery.slots s ON s.zone_id = z.id
            AND s.window_start >= (((@now AT TIME ZONE z.time_zone_id)::date + d.offset_days)::timestamp AT TIME ZONE z.time_zone_id)
            AND s.window_start < (((@now AT TIME ZONE z.time_zone_id)::date + d.offset_days + 1)::timestamp AT TIME ZONE z.time_zone_id)
        GROUP BY z.id, z.name, z.warehouse_id, z.time_zone_id, d.offset_days
        ORDER BY z.name, z.id, d.offset_days
        """;

    public static async Task<IReadOnlyList<ZoneDayUtilisation>> ReadAsync(DeliveryDbContext db, DateTimeOffset now, int days, CancellationToken cancellationToken) =>
        await db.Database.SqlQueryRaw<ZoneDayUtilisation>(Sql, new NpgsqlParameter("now", now), new NpgsqlParameter("days", days))
            .ToListAsync(cancellationToken);
}
