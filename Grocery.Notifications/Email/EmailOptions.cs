using MailKit.Security;

namespace Grocery.Notifications.Email;

/// <summary>
/// The SMTP relay, bound from "Notifications:Smtp". Local runs point at smtp4dev (no TLS, no login);
/// containers and production get the host and credentials from AppHost parameters.
/// </summary>
public sealed class EmailOptions
{
    public const string SectionName = "Notifications:Smtp";

    public string Host { get; set; } = "localhost";

    public int Port { get; set; } = 25;

    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.Auto;

    public string? Username { get; set; }

    public string? Password { get; set; }

    public string From { get; set; } = "Grocery <no-reply@grocery.local>";

    /// <summary>One send (connect, login, data) may take this long before it counts as failed and is retried.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
