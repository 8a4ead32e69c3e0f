namespace Grocery.AppHost.Infrastructure;

/// <summary>
/// A single-node Kafka broker in KRaft mode (the <c>apache/kafka</c> image). Two listeners: one
/// advertised on the host port for the services, one on the container network for containers.
/// </summary>
public sealed class KafkaServerResource(string name) : ContainerResource(name), IResourceWithConnectionString
{
    public const string PrimaryEndpointName = "tcp";
    public const string InternalEndpointName = "internal";

    public EndpointReference PrimaryEndpoint => new(this, PrimaryEndpointName);

    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"{PrimaryEndpoint.Property(EndpointProperty.HostAndPort)}");
}
