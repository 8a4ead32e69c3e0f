using Grocery.Persistence;

namespace Grocery.Delivery.Data;

internal sealed class DeliveryDbContextFactory() : DesignTimeDbContextFactory<DeliveryDbContext>(ResourceNames.DeliveryDb);
