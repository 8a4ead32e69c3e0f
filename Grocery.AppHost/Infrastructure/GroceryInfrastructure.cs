namespace Grocery.AppHost.Infrastructure;

/// <summary>The connection-string resources every mode hands to the services under the same names.</summary>
public sealed record GroceryInfrastructure(
    InfrastructureMode Mode,
    IReadOnlyDictionary<string, IResourceBuilder<IResourceWithConnectionString>> Databases,
    IResourceBuilder<IResourceWithConnectionString> Cache,
    IResourceBuilder<IResourceWithConnectionString> Kafka)
{
    public IResourceBuilder<IResourceWithConnectionString> Database(string name) => Databases[name];
}
