using Grocery.Persistence;

namespace Grocery.Catalog.Data;

internal sealed class CatalogDbContextFactory() : DesignTimeDbContextFactory<CatalogDbContext>(ResourceNames.CatalogDb);
