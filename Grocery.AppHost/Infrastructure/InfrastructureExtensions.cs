using Grocery.ServiceDefaults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Grocery.AppHost.Infrastructure;

public static class InfrastructureExtensions
{
    public static GroceryInfrastructure AddGroceryInfrastructure(this IDistributedApplicationBuilder builder)
    {
        var mode = InfrastructureModeSelector.Select(builder.Configuration, builder.ExecutionContext.IsPublishMode, ContainerRuntimeProbe.IsHealthy);
        return mode == InfrastructureMode.Containers ? AddContainers(builder) : AddLocal(builder);
    }

    private static GroceryInfrastructure AddContainers(IDistributedApplicationBuilder builder)
    {
        var postgres = builder.AddPostgres(ResourceNames.Postgres).WithDataVolume("grocery-postgres-data");
        var databases = ResourceNames.Databases.ToDictionary(
            name => name,
            name => (IResourceBuilder<IResourceWithConnectionString>)postgres.AddDatabase(name));
        var cache = builder.AddRedis(ResourceNames.Cache).WithDataVolume("grocery-redis-data");
        var kafka = builder.AddKafkaContainer(ResourceNames.Kafka);
        return new GroceryInfrastructure(InfrastructureMode.Containers, databases, cache, kafka);
    }

    private static GroceryInfrastructure AddLocal(IDistributedApplicationBuilder builder)
    {
        LocalDataDirectory.RemoveStale();
        var postgres = builder.AddLocalPostgres(ResourceNames.Postgres);
        var databases = ResourceNames.Databases.ToDictionary(
            name => name,
            name => (IResourceBuilder<IResourceWithConnectionString>)postgres.AddLocalDatabase(name));
        var cache = builder.AddLocalRedis(ResourceNames.Cache);
        var kafka = builder.AddKafkaDevCluster(ResourceNames.Kafka);
        builder.Services.AddHostedService<LocalDataCleanup>();
        return new GroceryInfrastructure(InfrastructureMode.Local, databases, cache, kafka);
    }
}
