using System.Net;
using System.Net.Http.Json;
using Grocery.Contracts.Ordering;

namespace Grocery.EndToEnd.Tests.Support;

/// <summary>
/// The local run's mail catcher, read through smtp4dev's REST API on the http endpoint the app model
/// gives the smtp4dev resource: every mail the notifier sent, with its headers and plain-text body.
/// </summary>
public sealed class Smtp4devInbox(HttpClient http)
{
    public const string KindHeader = "X-Grocery-Notification";
    public const string OrderHeader = "X-Grocery-Order";

    public static async Task<Smtp4devInbox> ConnectAsync(GroceryAppFixture system, CancellationToken ct)
    {
        // The fixture waits for the services only; the mail catcher is not one of them.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        await system.App.ResourceNotifications.WaitForResourceHealthyAsync(ResourceNames.Smtp4dev, timeout.Token);
        var endpoint = ((IResourceWithEndpoints)system.Resource(ResourceNames.Smtp4dev)).GetEndpoints().Single(e => e.EndpointAnnotation.UriScheme == "http");
        return new Smtp4devInbox(new HttpClient { BaseAddress = new Uri(endpoint.Url) });
    }

    /// <summary>
    /// Every mail to the address about the order, oldest first, read in full. The order number alone does not
    /// pick them: it is the first eight hex digits of a time-ordered id, the same for orders placed within about
    /// a minute of each other, so the link to the order's page that every message carries must name it too.
    /// </summary>
    public async Task<IReadOnlyList<CaughtMail>> MailsAsync(string to, Guid orderId, CancellationToken ct)
    {
        var orderNumber = OrderNumber.Of(orderId);
        var page = await (await http.GetAsync("/api/messages?page=1&pageSize=5000", ct)).ExpectAsync(HttpStatusCode.OK).ReadAsync<MessagePage>(ct);
        var mails = new List<CaughtMail>();
        foreach (var summary in page.Results.Where(m => m.To.Any(t => string.Equals(t, to, StringComparison.OrdinalIgnoreCase))).OrderBy(m => m.ReceivedDate))
        {
            var message = await (await http.GetAsync($"/api/messages/{summary.Id}", ct)).ExpectAsync(HttpStatusCode.OK).ReadAsync<Message>(ct);
            // MimeKit writes Content-Language on the message; smtp4dev may file it under the body part.
            var headers = message.Headers.Concat(message.Parts.SelectMany(p => p.Headers))
                .GroupBy(h => h.Name, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First().Value, StringComparer.OrdinalIgnoreCase);
            if (headers.GetValueOrDefault(OrderHeader) != orderNumber) continue;
            var text = await (await (await http.GetAsync($"/api/messages/{summary.Id}/plaintext", ct)).ExpectAsync(HttpStatusCode.OK)).Content.ReadAsStringAsync(ct);
            if (!text.Contains($"/orders/{orderId}", StringComparison.Ordinal)) continue;
            mails.Add(new CaughtMail(message.Subject, headers, text));
        }
        return mails;
    }

    private sealed record MessagePage(IReadOnlyList<MessageSummary> Results);

    private sealed record MessageSummary(Guid Id, IReadOnlyList<string> To, DateTimeOffset ReceivedDate);

    private sealed record Message(string Subject, IReadOnlyList<Header> Headers, IReadOnlyList<Part> Parts);

    private sealed record Part(IReadOnlyList<Header> Headers);

    private sealed record Header(string Name, string Value);
}

/// <summary>One mail as smtp4dev caught it.</summary>
public sealed record CaughtMail(string Subject, IReadOnlyDictionary<string, string> Headers, string Text)
{
    public string? Kind => Headers.GetValueOrDefault(Smtp4devInbox.KindHeader);

    public string? Language => Headers.GetValueOrDefault("Content-Language");

    public string? MessageId => Headers.GetValueOrDefault("Message-ID");
}
