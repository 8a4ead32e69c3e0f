namespace Grocery.AppHost.Infrastructure;

/// <summary>Debian's redis-server as an executable with no persistence.</summary>
public sealed class LocalRedisResource(string name, string command, string workingDirectory, int port)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    public int Port { get; } = port;

    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"127.0.0.1:{Port.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
}
