using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Grocery.ServiceDefaults;

/// <summary>
/// Settings read from a directory of files, one per key (<c>ConnectionStrings__catalogdb</c> holds
/// that connection string), as the Vault Agent injector and Kubernetes Secret volumes write them.
/// The directory is named by <c>KeyPerFile:Directory</c>; the files win over environment
/// variables, so a rotated secret needs no change to the Deployment.
/// </summary>
public static class KeyPerFileExtensions
{
    public const string DirectoryKey = "KeyPerFile:Directory";

    public static TBuilder AddKeyPerFileSecrets<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        if (builder.Configuration[DirectoryKey] is { Length: > 0 } directory)
        {
            // Optional: the injector may still be writing when a container restarts; reloadOnChange
            // picks up the agent's re-rendered files after a rotation.
            builder.Configuration.AddKeyPerFile(directory, optional: true, reloadOnChange: true);
        }
        return builder;
    }
}
