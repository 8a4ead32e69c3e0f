using Grocery.Persistence;

namespace Grocery.Identity;

public static class Extensions
{
    public static IHostApplicationBuilder AddIdentity(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<IdentityDbContext>(ResourceNames.IdentityDb);
        return builder;
    }
}
