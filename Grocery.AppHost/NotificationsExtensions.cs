using Grocery.AppHost.Infrastructure;
using Grocery.ServiceDefaults;

namespace Grocery.AppHost;

/// <summary>
/// The notifier and where its mail goes: in local mode an smtp4dev started beside it (its web inbox is
/// the endpoint on the dashboard), in containers and production the SMTP relay named by parameters.
/// </summary>
internal static class NotificationsExtensions
{
    public const string Smtp4dev = ResourceNames.Smtp4dev;
    public const string SmtpHost = "smtp-host";
    public const string SmtpPort = "smtp-port";
    public const string SmtpUsername = "smtp-username";
    public const string SmtpPassword = "smtp-password";

    public static IResourceBuilder<ProjectResource> AddGroceryNotifications(this IDistributedApplicationBuilder builder,
        GroceryInfrastructure infrastructure, IResourceBuilder<ProjectResource> identity, string issuer)
    {
        var notifications = builder.AddProject<Projects.Grocery_Notifications>(ResourceNames.Notifications)
            .WithDependency(infrastructure.Database(ResourceNames.NotificationsDb))
            .WithDependency(infrastructure.Kafka)
            .AsGroceryService(identity, issuer);

        // The notifier does not wait for the relay: with SMTP down, orders go on, the shopper sees each
        // message in the app, and the queued mails are retried, then parked for a replay once it is back.
        if (infrastructure.Mode == InfrastructureMode.Local)
        {
            var (smtpPort, inboxPort) = (LocalPorts.Next(), LocalPorts.Next());
            builder.AddExecutable(Smtp4dev, Smtp4devCommand(builder), LocalDataDirectory.Create(Smtp4dev),
                    $"--urls=http://127.0.0.1:{inboxPort}", $"--smtpport={smtpPort}", "--db=", "--imapport=", "--pop3port=")
                .WithHttpEndpoint(name: "inbox", port: inboxPort, targetPort: inboxPort, isProxied: false)
                .WithUrlForEndpoint("inbox", url => url.DisplayText = "Mail inbox")
                .WithHttpHealthCheck("/api/messages", endpointName: "inbox")
                .ExcludeFromManifest();
            return notifications
                .WithEnvironment("Notifications__Smtp__Host", "127.0.0.1")
                .WithEnvironment("Notifications__Smtp__Port", smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .WithEnvironment("Notifications__Smtp__Security", "None");
        }

        var host = builder.AddParameter(SmtpHost, "smtp", publishValueAsDefault: true);
        var port = builder.AddParameter(SmtpPort, "587", publishValueAsDefault: true);
        var username = builder.AddParameter(SmtpUsername, "", publishValueAsDefault: true);
        var password = builder.AddParameter(SmtpPassword, "", secret: true);
        return notifications
            .WithEnvironment("Notifications__Smtp__Host", host)
            .WithEnvironment("Notifications__Smtp__Port", port)
            .WithEnvironment("Notifications__Smtp__Username", username)
            .WithEnvironment("Notifications__Smtp__Password", password);
    }

    /// <summary>./grocery.sh installs the Rnwood.Smtp4dev tool into the repository's .tools; a global install works too.</summary>
    private static string Smtp4devCommand(IDistributedApplicationBuilder builder)
    {
        var local = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, "..", ".tools", "smtp4dev"));
        return File.Exists(local) ? local : "smtp4dev";
    }
}
