using Grocery.Persistence;

namespace Grocery.Inventory.Data;

internal sealed class InventoryDbContextFactory() : DesignTimeDbContextFactory<InventoryDbContext>(ResourceNames.InventoryDb);
