using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Grocery.Notifications.Email;

/// <summary>One SMTP session per mail: notifications are few per order, and a fresh session survives relay restarts.</summary>
internal sealed class SmtpEmailSender(IOptions<EmailOptions> options) : IEmailSender
{
    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var client = new SmtpClient { Timeout = (int)settings.Timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(settings.Host, settings.Port, settings.Security, cancellationToken);
            if (!string.IsNullOrEmpty(settings.Username))
                await client.AuthenticateAsync(settings.Username, settings.Password ?? "", cancellationToken);
            await client.SendAsync(message, cancellationToken);
            await client.DisconnectAsync(quit: true, cancellationToken);
        }
        // MailKit's messages may quote the recipient's address; only the kind of failure is kept.
        catch (SmtpCommandException e)
        {
            throw new EmailDeliveryException($"The SMTP relay refused the mail ({e.ErrorCode}, {(int)e.StatusCode}).");
        }
        catch (Exception e) when (e is SocketException or IOException or ProtocolException or TimeoutException
                                       or MailKit.Security.AuthenticationException or System.Security.Authentication.AuthenticationException)
        {
            throw new EmailDeliveryException($"The SMTP relay {settings.Host}:{settings.Port} could not be reached or failed ({e.GetType().Name}).");
        }
    }
}
