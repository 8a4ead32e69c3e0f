using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;
// Any type of the Inventory assembly locates its entry point (the bench has its own Program).

namespace Grocery.Inventory.Bench;

public sealed class BenchApp(string database, string kafka, IReadOnlyDictionary<string, string?> identity) : WebApplicationFactory<Grocery.Inventory.Data.InventoryDbContext>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("ConnectionStrings:inventorydb", database + ";Maximum Pool Size=64");
        builder.UseSetting("ConnectionStrings:kafka", kafka);
        builder.UseSetting("Messaging:ServiceName", "inventory");
        foreach (var (key, value) in identity) builder.UseSetting(key, value);
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
    }
}
