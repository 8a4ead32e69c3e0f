using MimeKit;

namespace Grocery.Notifications.Email;

public interface IEmailSender
{
    /// <summary>Hands the message to the SMTP relay; throws <see cref="EmailDeliveryException"/> when it is not accepted.</summary>
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken);
}

/// <summary>
/// A send the relay did not accept. The message names the failure but never the recipient, since it
/// ends up in logs and dead letters.
/// </summary>
public sealed class EmailDeliveryException(string message) : Exception(message);
