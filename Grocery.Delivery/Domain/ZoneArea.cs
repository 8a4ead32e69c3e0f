namespace Grocery.Delivery.Domain;

/// <summary>A postcode or district that belongs to exactly one zone (matched on its normalised form).</summary>
public sealed class ZoneArea
{
    public Guid Id { get; init; }
    public Guid ZoneId { get; init; }
    public AreaKind Kind { get; init; }
    public required string Name { get; init; }
    public required string NormalizedName { get; init; }

    public static ZoneArea Create(Guid zoneId, AreaKind kind, string name) => new()
    {
        Id = Guid.CreateVersion7(),
        ZoneId = zoneId,
        Kind = kind,
        Name = name.Trim(),
        NormalizedName = AreaName.Normalize(name),
    };
}
