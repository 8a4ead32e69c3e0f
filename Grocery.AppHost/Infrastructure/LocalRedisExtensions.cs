using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace Grocery.AppHost.Infrastructure;

public static class LocalRedisExtensions
{
    public static IResourceBuilder<LocalRedisResource> AddLocalRedis(this IDistributedApplicationBuilder builder, string name)
    {
        var dataDirectory = LocalDataDirectory.Create(name);
        var port = LocalPorts.Next();
        var redis = new LocalRedisResource(name, "redis-server", dataDirectory, port);
        var healthKey = $"{name}-protocol";
        builder.Services.AddHealthChecks().AddAsyncCheck(healthKey, ct => PingAsync(redis, ct));

        return builder.AddResource(redis)
            .WithArgs("--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", dataDirectory, "--protected-mode", "no")
            .WithEndpoint(name: "tcp", scheme: "tcp", port: port, targetPort: port, isProxied: false)
            .WithHealthCheck(healthKey)
            .ExcludeFromManifest();
    }

    private static async Task<HealthCheckResult> PingAsync(LocalRedisResource redis, CancellationToken ct)
    {
        try
        {
            var endpoint = await redis.ConnectionStringExpression.GetValueAsync(ct);
            await using var connection = await ConnectionMultiplexer.ConnectAsync($"{endpoint},connectTimeout=2000,abortConnect=true");
            await connection.GetDatabase().PingAsync();
            return HealthCheckResult.Healthy();
        }
        catch (RedisException ex)
        {
            return HealthCheckResult.Unhealthy(ex.Message);
        }
    }
}
