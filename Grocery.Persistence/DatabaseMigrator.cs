using System.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Grocery.Persistence;

/// <summary>
/// Applies the EF Core migrations under a PostgreSQL advisory lock, so replicas started together
/// migrate one after the other instead of racing; the second finds nothing left to do.
/// </summary>
internal sealed class DatabaseMigrator<TContext>(IServiceScopeFactory scopes, ILogger<DatabaseMigrator<TContext>> logger)
    : IDatabaseMigrator where TContext : DbContext
{
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var connectionString = db.Database.GetConnectionString()
            ?? throw new InvalidOperationException($"{typeof(TContext).Name} has no connection string.");

        await using var lockConnection = new NpgsqlConnection(DatabaseExtensions.SessionConnectionString(connectionString));
        await OpenWithRetryAsync(lockConnection, cancellationToken);
        var lockKey = StableLockKey(typeof(TContext).FullName!);
        var held = await AdvisoryLock.TakeAsync(lockConnection, lockKey, cancellationToken);
        try
        {
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            if (pending.Count > 0)
            {
                logger.LogInformation("Applying {Count} migrations to {Database}: {Migrations}",
                    pending.Count, lockConnection.Database, string.Join(", ", pending));
                db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
                await db.Database.MigrateAsync(cancellationToken);
            }
        }
        finally
        {
            await held.DisposeAsync();
        }
    }

    private static async Task OpenWithRetryAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await connection.OpenAsync(cancellationToken);
                return;
            }
            catch (NpgsqlException) when (attempt < 30)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
        }
    }

    // string.GetHashCode is randomised per process; replicas must agree on the key.
    private static long StableLockKey(string name)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("migrations:" + name));
        return BitConverter.ToInt64(hash, 0);
    }
}
