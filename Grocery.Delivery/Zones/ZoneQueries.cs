using Grocery.Delivery.Domain;

namespace Grocery.Delivery.Zones;

public static class ZoneQueries
{
    /// <summary>The zone covering a postcode or district, matched on its normalised name; null when none does.</summary>
    public static Task<Zone?> FindByAreaAsync(this DeliveryDbContext db, AreaKind kind, string name, CancellationToken cancellationToken)
    {
        var normalized = AreaName.Normalize(name);
        return db.ZoneAreas.AsNoTracking()
            .Where(a => a.Kind == kind && a.NormalizedName == normalized)
            .Join(db.Zones, a => a.ZoneId, z => z.Id, (_, z) => z)
            .SingleOrDefaultAsync(cancellationToken);
    }
}
