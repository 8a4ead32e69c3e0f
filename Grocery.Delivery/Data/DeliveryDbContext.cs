using System.Text;
using Grocery.Delivery.Domain;
using Grocery.Firestore.Projection;
using Grocery.Messaging.Storage;

namespace Grocery.Delivery.Data;

public sealed class DeliveryDbContext(DbContextOptions<DeliveryDbContext> options) : DbContext(options)
{
    public const string Schema = "delivery";

    public DbSet<Zone> Zones => Set<Zone>();
    public DbSet<ZoneArea> ZoneAreas => Set<ZoneArea>();
    public DbSet<SlotTemplate> SlotTemplates => Set<SlotTemplate>();
    public DbSet<DeliverySlot> Slots => Set<DeliverySlot>();
    public DbSet<DeliverySlotHold> SlotHolds => Set<DeliverySlotHold>();
    public DbSet<Shipment> Shipments => Set<Shipment>();
    public DbSet<ShipmentEvent> ShipmentEvents => Set<ShipmentEvent>();
    public DbSet<CarrierWebhookReceipt> CarrierWebhookReceipts => Set<CarrierWebhookReceipt>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(DeliveryDbContext).Assembly);
        UseSnakeCaseNames(modelBuilder);
        modelBuilder.AddMessagingTables();
        modelBuilder.AddFirestoreProjectionTables();
    }

    // The hot-path SQL (Data/SlotSql.cs) is hand-written, so our tables get predictable snake_case names.
    private static void UseSnakeCaseNames(ModelBuilder modelBuilder)
    {
        foreach (var entity in modelBuilder.Model.GetEntityTypes().Where(e => e.ClrType.Namespace == typeof(Zone).Namespace))
        {
            entity.SetTableName(entity.GetTableName() is { } table && table != entity.ClrType.Name ? table : SnakeCase(entity.ClrType.Name) + "s");
            foreach (var property in entity.GetProperties()) property.SetColumnName(SnakeCase(property.Name));
        }
    }

    internal static string SnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0) builder.Append('_');
            builder.Append(char.ToLowerInvariant(name[i]));
        }
        return builder.ToString();
    }
}
