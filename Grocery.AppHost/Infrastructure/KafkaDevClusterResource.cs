namespace Grocery.AppHost.Infrastructure;

/// <summary>The in-process development cluster, handed out as the <c>kafka</c> connection string.</summary>
public sealed class KafkaDevClusterResource(string name, string bootstrapServers) : Resource(name), IResourceWithConnectionString
{
    public string BootstrapServers { get; } = bootstrapServers;

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create($"{BootstrapServers}");
}
