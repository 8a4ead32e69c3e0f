using Microsoft.AspNetCore.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure;

namespace Grocery.Persistence;

public static class DatabaseExtensions
{
    public const string MigrationsHistoryTable = "__ef_migrations_history";

    /// <summary>
    /// Registers the service's own PostgreSQL database: a pooled DbContext with telemetry, a
    /// readiness check that runs a query, the migrator run before the service serves, and the
    /// handler that answers a write PostgreSQL refuses with a 400/409 problem instead of a 500.
    /// </summary>
    public static IHostApplicationBuilder AddServiceDatabase<TContext>(
        this IHostApplicationBuilder builder,
        string connectionName,
        Action<NpgsqlDbContextOptionsBuilder>? configureNpgsql = null) where TContext : DbContext
    {
        builder.AddNpgsqlDbContext<TContext>(connectionName,
            settings =>
            {
                // Our own check runs a query; Aspire's only opens a (possibly pooled) connection.
                settings.DisableHealthChecks = true;
                // The retrying strategy refuses user-initiated transactions, which the outbox,
                // the inbox and the atomic stock and slot updates all need.
                settings.DisableRetry = true;
                settings.ConnectionString = ServiceConnectionString(settings.ConnectionString);
            },
            options => options.UseNpgsql(npgsql =>
            {
                npgsql.MigrationsHistoryTable(MigrationsHistoryTable);
                configureNpgsql?.Invoke(npgsql);
            }));

        builder.Services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck<TContext>>($"{connectionName}");
        builder.Services.AddSingleton<IDatabaseMigrator, DatabaseMigrator<TContext>>();
        builder.Services.AddDatabaseExceptionHandler();
        return builder;
    }

    /// <summary>For hosts that reach PostgreSQL without <see cref="AddServiceDatabase{TContext}"/>; registering it twice is harmless.</summary>
    public static IServiceCollection AddDatabaseExceptionHandler(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IExceptionHandler, DatabaseExceptionHandler>());
        return services;
    }

    /// <summary>
    /// The connection string a service's context uses.
    /// <list type="bullet">
    /// <item>Statements are never auto-prepared, whatever it says. Npgsql 10.0.3 loses protocol sync when the execution
    /// that auto-prepares a statement fails (an INSERT … RETURNING refused by a constraint or a length, npgsql/npgsql#6391):
    /// the next use of that statement on the pooled connection fails with "Received unexpected backend message DataRow".
    /// Refused writes are routine here (idempotency and slot-hold races, limits), so the parse and plan saved by preparing
    /// (about 0.7 ms of PostgreSQL CPU per reservation) are not worth it until Npgsql fixes it.</item>
    /// <item>A connection going back to the pool is not reset. The reset (DISCARD ALL) also throws away the plans
    /// PostgreSQL cached for the session, so every call of a stock or slot function planned all its statements again:
    /// planning was a fifth of PostgreSQL's CPU in bench/system. Nothing on these connections leaves session state
    /// behind: session advisory locks are released before the connection is closed, and LISTEN and the relay's leader
    /// lock use <see cref="SessionConnectionString"/>.</item>
    /// </list>
    /// </summary>
    public static string? ServiceConnectionString(string? connectionString)
    {
        if (string.IsNullOrEmpty(connectionString)) return connectionString;
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = 0, NoResetOnClose = true };
        return builder.ConnectionString;
    }

    /// <summary>
    /// For a connection that keeps session state while it is open (LISTEN, a session advisory lock): the pool resets
    /// it on close, so state a broken holder could not clear up never reaches the next user of the connection.
    /// </summary>
    public static string SessionConnectionString(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = 0, NoResetOnClose = false }.ConnectionString;
}
