using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Grocery.Persistence;

public static class MigrationHostExtensions
{
    public const string MigrateCommand = "migrate";

    /// <summary>
    /// <c>migrate</c> as the first argument applies the migrations and exits (the Kubernetes Job);
    /// otherwise migrations run before the service starts listening unless
    /// <c>Database:MigrateOnStartup</c> is false (replicas in a cluster where the Job ran).
    /// </summary>
    public static async Task RunWithMigrationsAsync(this WebApplication app, string[] args)
    {
        var onlyMigrate = args.Length > 0 && args[0] == MigrateCommand;
        if (onlyMigrate || app.Configuration.GetValue("Database:MigrateOnStartup", true))
        {
            foreach (var migrator in app.Services.GetServices<IDatabaseMigrator>())
            {
                await migrator.MigrateAsync(app.Lifetime.ApplicationStopping);
            }
        }
        if (onlyMigrate) return;
        await app.RunAsync();
    }
}
