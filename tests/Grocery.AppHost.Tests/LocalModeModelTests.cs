using Grocery.AppHost.Infrastructure;

namespace Grocery.AppHost.Tests;

public sealed class LocalModeModelTests
{
    [Fact]
    public async Task Local_mode_uses_executables_and_the_in_process_kafka_cluster()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Grocery_AppHost>(
            ["--infra", "local"], TestContext.Current.CancellationToken);
        var resources = builder.Resources.ToList();

        Assert.IsType<LocalPostgresServerResource>(resources.Single(r => r.Name == ResourceNames.Postgres));
        Assert.IsType<LocalRedisResource>(resources.Single(r => r.Name == ResourceNames.Cache));
        var kafka = Assert.IsType<KafkaDevClusterResource>(resources.Single(r => r.Name == ResourceNames.Kafka));
        Assert.Equal(3, kafka.BootstrapServers.Split(',').Length);
        foreach (var database in ResourceNames.Databases)
        {
            var resource = Assert.IsType<LocalPostgresDatabaseResource>(resources.Single(r => r.Name == database));
            Assert.Equal(ResourceNames.Postgres, resource.Parent.Name);
        }
    }

    [Fact]
    public async Task Every_service_waits_for_each_resource_it_references()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Grocery_AppHost>(
            ["--infra", "local"], TestContext.Current.CancellationToken);

        foreach (var service in builder.Resources.OfType<ProjectResource>())
        {
            var waits = service.Annotations.OfType<WaitAnnotation>().Select(w => w.Resource.Name).ToHashSet();
            var references = service.Annotations.OfType<ResourceRelationshipAnnotation>()
                // Parameters are values handed over at start, not something that becomes healthy;
                // an edge's own management port is handed to it the same way.
                .Where(r => r.Type == "Reference" && r.Resource is not ParameterResource && r.Resource != service)
                .Select(r => r.Resource.Name)
                // Delivery calls Ordering only from retried event handlers and the drivers' list; Ordering waits for Delivery.
                .Where(name => !(service.Name == ResourceNames.Delivery && name == ResourceNames.Ordering));
            Assert.All(references, name => Assert.Contains(name, waits));
        }
    }
}
