using Grocery.Persistence;

namespace Grocery.Delivery;

public static class Extensions
{
    public static IHostApplicationBuilder AddDelivery(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<DeliveryDbContext>(ResourceNames.DeliveryDb);
        return builder;
    }
}
