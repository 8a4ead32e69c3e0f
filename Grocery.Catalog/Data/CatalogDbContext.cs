using System.Text;
using Grocery.Catalog.Domain;
using Grocery.Messaging.Storage;

namespace Grocery.Catalog.Data;

public sealed class CatalogDbContext(DbContextOptions<CatalogDbContext> options) : DbContext(options)
{
    public DbSet<Category> Categories => Set<Category>();
    public DbSet<Product> Products => Set<Product>();
    public DbSet<ProductAvailability> Availability => Set<ProductAvailability>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddMessagingTables();
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(CatalogDbContext).Assembly);

        // The catalog's read path is hand-written SQL; snake_case columns keep it readable.
        foreach (var entity in modelBuilder.Model.GetEntityTypes().Where(e => e.ClrType.Namespace == typeof(Product).Namespace))
        {
            foreach (var property in entity.GetProperties().Where(p => p.Name != nameof(Product.Version)))
                property.SetColumnName(SnakeCase(property.Name));
        }
    }

    internal static string SnakeCase(string name)
    {
        var sb = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0) sb.Append('_');
            sb.Append(char.ToLowerInvariant(name[i]));
        }
        return sb.ToString();
    }
}
