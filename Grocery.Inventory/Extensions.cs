using Grocery.Persistence;

namespace Grocery.Inventory;

public static class Extensions
{
    public static IHostApplicationBuilder AddInventory(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<InventoryDbContext>(ResourceNames.InventoryDb);
        return builder;
    }
}
