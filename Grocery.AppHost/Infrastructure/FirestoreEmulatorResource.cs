namespace Grocery.AppHost.Infrastructure;

/// <summary>The npm Firestore emulator (tools/firestore-emulator) run with Node on a loopback port.</summary>
public sealed class FirestoreEmulatorResource(string name, string workingDirectory, int port)
    : ExecutableResource(name, "bash", workingDirectory)
{
    public int Port { get; } = port;

    /// <summary>The value of FIRESTORE_EMULATOR_HOST.</summary>
    public string HostAndPort => $"127.0.0.1:{Port.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
}
