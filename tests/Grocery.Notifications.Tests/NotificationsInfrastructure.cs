using System.Text.Json;
using MimeKit;
using netDumbster.smtp;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Grocery.Notifications.Tests;

/// <summary>
/// One PostgreSQL, one token issuer, one real SMTP server (netDumbster) and one stand-in for
/// Identity's contact lookup for the assembly, and one notifier consuming its own Kafka mock cluster.
/// Tests tell shoppers apart by their unique email addresses, so they share the SMTP server safely.
/// </summary>
public sealed class NotificationsInfrastructure : IAsyncLifetime
{
    public const string ServiceToken = "notifications-service-token";
    public const string ClientSecret = "notifications-secret";

    private int _databases;
    private PostgresServer? _postgres;

    public PostgresServer Postgres => _postgres ?? throw new InvalidOperationException("Not started.");
    public TestIdentityServer Identity { get; private set; } = null!;
    public WireMockServer Contacts { get; } = WireMockServer.Start();
    public SimpleSmtpServer Smtp { get; private set; } = null!;
    public NotificationsApp App { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var postgres = PostgresServer.StartAsync();
        Identity = await TestIdentityServer.StartAsync();
        _postgres = await postgres;
        Smtp = SimpleSmtpServer.Start(FreePort.Next());
        // Identity's token endpoint: the contact lookup below answers only with this token.
        Contacts.Given(Request.Create().WithPath("/api/v1/auth/token").UsingPost()
                .WithBody(b => b!.Contains("client_id=notifications") && b.Contains($"client_secret={ClientSecret}")))
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json")
                .WithBody($$"""{"access_token":"{{ServiceToken}}","token_type":"Bearer","expires_in":900}"""));
        App = new NotificationsApp(this, Smtp.Configuration.Port);
        await App.StartAsync();
    }

    public Task<string> NewDatabaseAsync() => Postgres.CreateDatabaseAsync($"notifications_{Interlocked.Increment(ref _databases)}");

    /// <summary>A shopper Identity knows, with a unique address so their mails can be told apart.</summary>
    public Shopper NewShopper(string language, string? displayName = "Lan")
    {
        var shopper = new Shopper(Guid.NewGuid(), $"shopper-{Guid.NewGuid():N}@example.test", language);
        Contacts.Given(Request.Create().WithPath($"/api/v1/users/{shopper.UserId}/contact").UsingGet()
                .WithHeader("Authorization", $"Bearer {ServiceToken}"))
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json")
                .WithBody(JsonSerializer.Serialize(new { userId = shopper.UserId, email = shopper.Email, displayName, language })));
        return shopper;
    }

    /// <summary>The mails the SMTP server accepted for one address (netDumbster keeps no order).</summary>
    public IReadOnlyList<MimeMessage> MailsTo(string address) => MailsTo(Smtp, address);

    public static IReadOnlyList<MimeMessage> MailsTo(SimpleSmtpServer smtp, string address) =>
        [.. smtp.ReceivedEmail
            .Select(m => MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(m.Data))))
            .Where(m => m.To.Mailboxes.Any(to => string.Equals(to.Address, address, StringComparison.OrdinalIgnoreCase)))];

    public Task<IReadOnlyList<MimeMessage>> MailsEventuallyAsync(string address, int count, string because) =>
        MailsEventuallyAsync(Smtp, address, count, because);

    /// <summary>Waits until at least <paramref name="count"/> mails reached the address (the server may file a mail just after it acknowledged it).</summary>
    public static async Task<IReadOnlyList<MimeMessage>> MailsEventuallyAsync(SimpleSmtpServer smtp, string address, int count, string because) =>
        await Eventually.GetAsync(() => Task.FromResult<IReadOnlyList<MimeMessage>?>(MailsTo(smtp, address)), m => m!.Count >= count, because);

    public async ValueTask DisposeAsync()
    {
        if (App is not null) await App.DisposeAsync();
        Smtp?.Dispose();
        Contacts.Stop();
        if (Identity is not null) await Identity.DisposeAsync();
        if (_postgres is not null) await _postgres.DisposeAsync();
    }
}

public sealed record Shopper(Guid UserId, string Email, string Language);

public static class Mails
{
    public static string? Kind(this MimeMessage mail) => mail.Headers[Templates.MailComposer.KindHeader];

    /// <summary>MimeKit files a top-level Content-* header under the body it describes when it reads a message.</summary>
    public static string? Language(this MimeMessage mail) => mail.Headers[HeaderId.ContentLanguage] ?? mail.Body?.Headers[HeaderId.ContentLanguage];

    /// <summary>The kinds received, sorted, to compare with what was expected regardless of arrival order.</summary>
    public static IReadOnlyList<string?> Kinds(this IEnumerable<MimeMessage> mails) => [.. mails.Select(Kind).Order()];

    public static IReadOnlyList<string> Sorted(params string[] kinds) => [.. kinds.Order()];

    public static MimeMessage OfKind(this IEnumerable<MimeMessage> mails, string kind) => Assert.Single(mails, m => m.Kind() == kind);
}
