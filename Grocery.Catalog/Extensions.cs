using Grocery.Persistence;

namespace Grocery.Catalog;

public static class Extensions
{
    public static IHostApplicationBuilder AddCatalog(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<CatalogDbContext>(ResourceNames.CatalogDb);
        return builder;
    }
}
