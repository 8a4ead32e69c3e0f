using Microsoft.Extensions.Configuration;

namespace Grocery.AppHost.Infrastructure;

/// <summary>
/// Chooses where PostgreSQL, Redis and Kafka come from: <c>--infra local|containers</c> or the
/// <c>GROCERY_INFRA</c> environment variable win; otherwise a healthy container runtime means
/// containers and anything less (no client, or a client with no engine) means local.
/// </summary>
public static class InfrastructureModeSelector
{
    public const string ConfigurationKey = "infra";
    public const string EnvironmentVariable = "GROCERY_INFRA";

    public static InfrastructureMode Select(IConfiguration configuration, bool isPublishMode, Func<bool> containerRuntimeIsHealthy)
    {
        var requested = configuration[ConfigurationKey] ?? configuration[EnvironmentVariable];
        if (!string.IsNullOrWhiteSpace(requested))
        {
            return Enum.TryParse<InfrastructureMode>(requested, ignoreCase: true, out var mode)
                ? mode
                : throw new ArgumentException($"Unknown infrastructure mode '{requested}'; use 'local' or 'containers'.");
        }
        // A manifest describes what to deploy, which is always containers.
        if (isPublishMode) return InfrastructureMode.Containers;
        return containerRuntimeIsHealthy() ? InfrastructureMode.Containers : InfrastructureMode.Local;
    }
}
