using Grocery.Delivery.Data;
using Grocery.Delivery.Domain;
using Grocery.Delivery.Slots;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Grocery.Delivery.Background;

/// <summary>Materialises each zone's rolling calendar; safe to run any number of times.</summary>
public sealed class SlotCalendarGenerator(
    IServiceScopeFactory scopes, NpgsqlDataSource dataSource, TimeProvider time, IOptions<DeliveryOptions> options)
{
    /// <returns>How many slots were added.</returns>
    public async Task<int> GenerateAsync(CancellationToken cancellationToken, Guid? zoneId = null)
    {
        List<Zone> zones;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<DeliveryDbContext>();
            zones = await db.Zones.AsNoTracking().Include(z => z.Templates)
                .Where(z => zoneId == null || z.Id == zoneId)
                .ToListAsync(cancellationToken);
        }

        var now = time.GetUtcNow();
        var added = 0;
        foreach (var zone in zones)
        {
            var planned = SlotCalendar.Plan(zone, now, options.Value.CalendarDays);
            if (planned.Count == 0) continue;
            await using var command = dataSource.CreateCommand(SlotSql.InsertPlannedSlots);
            command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = zone.Id });
            command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = planned.Select(_ => Guid.CreateVersion7()).ToArray() });
            command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = planned.Select(p => p.TemplateId).ToArray() });
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset[]> { TypedValue = planned.Select(p => p.WindowStart).ToArray() });
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset[]> { TypedValue = planned.Select(p => p.WindowEnd).ToArray() });
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset[]> { TypedValue = planned.Select(p => p.CutoffAt).ToArray() });
            command.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = planned.Select(p => p.Capacity).ToArray() });
            command.Parameters.Add(new NpgsqlParameter<bool[]> { TypedValue = planned.Select(p => p.IsPeak).ToArray() });
            command.Parameters.Add(new NpgsqlParameter<decimal[]> { TypedValue = planned.Select(p => p.Fee).ToArray() });
            added += await command.ExecuteNonQueryAsync(cancellationToken);
        }
        return added;
    }
}
