using Grocery.Persistence;

namespace Grocery.Ordering;

public static class Extensions
{
    public static IHostApplicationBuilder AddOrdering(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<OrderingDbContext>(ResourceNames.OrderingDb);
        return builder;
    }
}
