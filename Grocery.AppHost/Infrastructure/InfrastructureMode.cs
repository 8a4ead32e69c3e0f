namespace Grocery.AppHost.Infrastructure;

public enum InfrastructureMode
{
    /// <summary>PostgreSQL, Redis and Kafka as containers with data volumes.</summary>
    Containers,

    /// <summary>Debian's postgres and redis-server as executables, Kafka as librdkafka's in-process mock cluster.</summary>
    Local,
}
