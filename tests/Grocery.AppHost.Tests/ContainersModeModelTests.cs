using Microsoft.Extensions.Logging.Abstractions;
using Grocery.AppHost.Infrastructure;

namespace Grocery.AppHost.Tests;

/// <summary>Builds the app model in containers mode without starting anything.</summary>
public sealed class ContainersModeModelTests
{
    private static async Task<IReadOnlyList<IResource>> BuildModelAsync()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Grocery_AppHost>(
            ["--infra", "containers"], TestContext.Current.CancellationToken);
        return builder.Resources.ToList();
    }

    [Fact]
    public async Task Postgres_redis_and_kafka_are_containers_with_the_expected_images()
    {
        var resources = await BuildModelAsync();

        Assert.Equal("postgres", ImageOf(resources, ResourceNames.Postgres).Image.Split('/').Last());
        Assert.Equal("redis", ImageOf(resources, ResourceNames.Cache).Image.Split('/').Last());
        var kafka = ImageOf(resources, ResourceNames.Kafka);
        Assert.Equal(KafkaExtensions.Image, kafka.Image);
        Assert.Equal(KafkaExtensions.ImageTag, kafka.Tag);
    }

    [Fact]
    public async Task Every_infrastructure_container_keeps_its_data_in_a_volume()
    {
        var resources = await BuildModelAsync();

        foreach (var name in new[] { ResourceNames.Postgres, ResourceNames.Cache, ResourceNames.Kafka })
        {
            var mounts = resources.Single(r => r.Name == name).Annotations.OfType<ContainerMountAnnotation>();
            Assert.Contains(mounts, m => m.Type == ContainerMountType.Volume && !string.IsNullOrEmpty(m.Source));
        }
    }

    [Fact]
    public async Task Services_get_the_same_connection_names_as_in_local_mode()
    {
        var resources = await BuildModelAsync();

        string[] expected = [.. ResourceNames.Databases, ResourceNames.Cache, ResourceNames.Kafka];
        foreach (var name in expected)
        {
            Assert.IsAssignableFrom<IResourceWithConnectionString>(resources.Single(r => r.Name == name));
        }
        Assert.DoesNotContain(resources, r => r is LocalPostgresServerResource or LocalRedisResource or KafkaDevClusterResource);
    }

    [Fact]
    public async Task Every_service_is_handed_the_same_connection_names_in_both_modes()
    {
        var containers = await ConnectionNamesByServiceAsync("containers");
        var local = await ConnectionNamesByServiceAsync("local");

        Assert.Equal(local.Keys.Order(), containers.Keys.Order());
        foreach (var (service, names) in containers)
        {
            Assert.Equal(local[service], names);
        }
        Assert.Equal(new SortedSet<string> { ResourceNames.CatalogDb, ResourceNames.Cache, ResourceNames.Kafka }, containers[ResourceNames.Catalog]);
        foreach (var (service, database) in new[] { (ResourceNames.Inventory, "inventorydb"), (ResourceNames.Ordering, "orderingdb"),
                     (ResourceNames.Delivery, "deliverydb"), (ResourceNames.Identity, "identitydb") })
        {
            Assert.Contains(database, containers[service]);
            Assert.Contains(ResourceNames.Kafka, containers[service]);
        }
    }

    private static async Task<Dictionary<string, SortedSet<string>>> ConnectionNamesByServiceAsync(string mode)
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Grocery_AppHost>(
            ["--infra", mode], TestContext.Current.CancellationToken);
        var names = new Dictionary<string, SortedSet<string>>();
        foreach (var service in builder.Resources.OfType<ProjectResource>())
        {
            // Publish mode renders references as expressions, so nothing has to be started or allocated.
            var configuration = await ExecutionConfigurationBuilder.Create(service)
                .WithEnvironmentVariablesConfig()
                .BuildAsync(new(DistributedApplicationOperation.Publish), NullLogger.Instance, TestContext.Current.CancellationToken);
            Assert.Null(configuration.Exception);
            names[service.Name] = [.. configuration.EnvironmentVariables.Select(v => v.Key).Where(k => k.StartsWith("ConnectionStrings__", StringComparison.Ordinal))
                .Select(k => k["ConnectionStrings__".Length..])];
        }
        return names;
    }

    [Fact]
    public async Task Kafka_advertises_a_listener_for_the_host_and_one_for_the_container_network()
    {
        var resources = await BuildModelAsync();
        var kafka = (KafkaServerResource)resources.Single(r => r.Name == ResourceNames.Kafka);

        var endpoints = kafka.Annotations.OfType<EndpointAnnotation>().ToList();

        Assert.Contains(endpoints, e => e.Name == KafkaServerResource.PrimaryEndpointName && e.TargetPort == 9092);
        Assert.Contains(endpoints, e => e.Name == KafkaServerResource.InternalEndpointName && e.TargetPort == 9093);
    }

    private static ContainerImageAnnotation ImageOf(IEnumerable<IResource> resources, string name) =>
        resources.Single(r => r.Name == name).Annotations.OfType<ContainerImageAnnotation>().Single();
}
