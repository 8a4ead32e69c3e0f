using Grocery.Persistence;

namespace Grocery.Identity.Data;

internal sealed class IdentityDbContextFactory() : DesignTimeDbContextFactory<IdentityDbContext>(ResourceNames.IdentityDb);
