using Grocery.Inventory.Domain;
using Grocery.Firestore.Projection;
using Grocery.Messaging.Storage;

namespace Grocery.Inventory.Data;

public sealed class InventoryDbContext(DbContextOptions<InventoryDbContext> options) : DbContext(options)
{
    public DbSet<Warehouse> Warehouses => Set<Warehouse>();
    public DbSet<StockItem> StockItems => Set<StockItem>();
    public DbSet<Lot> Lots => Set<Lot>();
    public DbSet<Reservation> Reservations => Set<Reservation>();
    public DbSet<ReservationLine> ReservationLines => Set<ReservationLine>();
    public DbSet<StockMovement> StockMovements => Set<StockMovement>();
    public DbSet<ConsumedLine> ConsumedLines => Set<ConsumedLine>();
    public DbSet<StockReturn> Returns => Set<StockReturn>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddMessagingTables();
        modelBuilder.AddFirestoreProjectionTables();
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(InventoryDbContext).Assembly);
    }
}
