namespace Grocery.AppHost.Infrastructure;

/// <summary>Debian's PostgreSQL run as an executable on a fixed loopback port chosen at startup.</summary>
public sealed class LocalPostgresServerResource(string name, string command, string workingDirectory, int port)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    public int Port { get; } = port;

    public string DataDirectory => WorkingDirectory;

    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"Host=127.0.0.1;Port={Port.ToString(System.Globalization.CultureInfo.InvariantCulture)};Username=postgres");
}
