using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Grocery.AppHost.Infrastructure;

public static class LocalPostgresExtensions
{
    private const string PostgresBin = "/usr/lib/postgresql/15/bin";

    /// <summary>
    /// PostgreSQL 15 from Debian as an executable: <c>initdb</c> on first start into a fresh data
    /// directory, then <c>postgres</c>. Both refuse to run as root, so as root they run as the
    /// <c>postgres</c> user through <c>setpriv</c>; a restart keeps the data directory.
    /// </summary>
    public static IResourceBuilder<LocalPostgresServerResource> AddLocalPostgres(this IDistributedApplicationBuilder builder, string name)
    {
        var dataRoot = LocalDataDirectory.Create(name);
        var port = LocalPorts.Next();
        var pgData = Path.Combine(dataRoot, "data");
        var asRoot = Environment.UserName == "root";
        if (asRoot) Chown(dataRoot, "postgres:postgres");

        var script = string.Join(' ',
            "set -e;",
            $"[ -f '{pgData}/PG_VERSION' ] || '{PostgresBin}/initdb' -D '{pgData}' -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync > '{dataRoot}/initdb.log';",
            $"'{PostgresBin}/postgres' -D '{pgData}' -p {port} -k '{dataRoot}'",
            "-c listen_addresses=127.0.0.1 -c max_connections=500 -c shared_buffers=256MB",
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off & child=$!;",
            // SIGTERM is postgres' "smart" shutdown, which waits for every pooled client to leave;
            // a stop must disconnect them, which is SIGINT ("fast" shutdown).
            "trap 'kill -INT $child; wait $child; exit 0' TERM INT; wait $child");
        string[] shell = ["/bin/sh", "-c", script];
        string command = asRoot ? "setpriv" : shell[0];
        string[] args = asRoot ? ["--reuid=postgres", "--regid=postgres", "--clear-groups", .. shell] : shell[1..];

        var server = new LocalPostgresServerResource(name, command, dataRoot, port);
        var healthKey = $"{name}-protocol";
        builder.Services.AddHealthChecks().AddAsyncCheck(healthKey, ct => PingAsync(server, "postgres", ct));

        return builder.AddResource(server)
            .WithArgs(args)
            .WithEndpoint(name: "tcp", scheme: "tcp", port: port, targetPort: port, isProxied: false)
            .WithHealthCheck(healthKey)
            .ExcludeFromManifest();
    }

    public static IResourceBuilder<LocalPostgresDatabaseResource> AddLocalDatabase(
        this IResourceBuilder<LocalPostgresServerResource> server, string name)
    {
        var builder = server.ApplicationBuilder;
        var database = new LocalPostgresDatabaseResource(name, name, server.Resource);
        var healthKey = $"{name}-protocol";
        builder.Services.AddHealthChecks().AddAsyncCheck(healthKey, ct => PingAsync(server.Resource, name, ct));

        // Created when the server becomes healthy, as Aspire's own PostgreSQL integration does.
        builder.Eventing.Subscribe<ResourceReadyEvent>(server.Resource, async (e, ct) =>
        {
            await CreateDatabaseIfMissingAsync(server.Resource, name, ct);
            var notifications = e.Services.GetRequiredService<ResourceNotificationService>();
            await notifications.PublishUpdateAsync(database, s => s with
            {
                State = KnownResourceStates.Running,
                StartTimeStamp = DateTime.UtcNow,
            });
        });

        return builder.AddResource(database)
            .WithInitialState(new CustomResourceSnapshot
            {
                ResourceType = "PostgresDatabase",
                State = KnownResourceStates.Waiting,
                Properties = [new("DatabaseName", name)],
            })
            .WithHealthCheck(healthKey)
            .ExcludeFromManifest();
    }

    private static async Task CreateDatabaseIfMissingAsync(LocalPostgresServerResource server, string database, CancellationToken ct)
    {
        var admin = await server.ConnectionStringExpression.GetValueAsync(ct);
        await using var connection = new NpgsqlConnection(admin + ";Database=postgres;Pooling=false");
        await connection.OpenAsync(ct);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        exists.Parameters.AddWithValue("name", database);
        if (await exists.ExecuteScalarAsync(ct) is not null) return;
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection);
        await create.ExecuteNonQueryAsync(ct);
    }

    // Aspire reports a listening endpoint before the server accepts; only a real query says ready.
    private static async Task<HealthCheckResult> PingAsync(LocalPostgresServerResource server, string database, CancellationToken ct)
    {
        try
        {
            var connectionString = await server.ConnectionStringExpression.GetValueAsync(ct);
            await using var connection = new NpgsqlConnection($"{connectionString};Database={database};Pooling=false;Timeout=3");
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(ct);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy(ex.Message);
        }
    }

    private static void Chown(string path, string owner)
    {
        using var chown = Process.Start("chown", ["-R", owner, path]);
        chown.WaitForExit();
    }
}
