using Grocery.Persistence;

namespace Grocery.Ordering.Data;

internal sealed class OrderingDbContextFactory() : DesignTimeDbContextFactory<OrderingDbContext>(ResourceNames.OrderingDb);
