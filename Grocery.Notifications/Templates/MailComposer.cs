using System.Net;
using System.Text;
using Grocery.Notifications.Domain;
using MimeKit;

namespace Grocery.Notifications.Templates;

/// <summary>Turns a draft into the in-app body and a multipart (plain text + HTML) mail.</summary>
public static class MailComposer
{
    public const string KindHeader = "X-Grocery-Notification";
    public const string OrderHeader = "X-Grocery-Order";

    /// <summary>The in-app copy: paragraphs and rows, no greeting (the app knows who is reading).</summary>
    public static string InAppBody(MessageDraft draft)
    {
        var text = new StringBuilder();
        foreach (var paragraph in draft.Paragraphs) text.AppendLine(paragraph);
        foreach (var row in draft.Rows) text.Append(row.Label).Append(": ").AppendLine(row.Value);
        return text.ToString().TrimEnd();
    }

    public static MimeMessage Compose(MessageDraft draft, NotificationKind kind, string? orderNumber, string from,
        string toAddress, string? toName, string language, string greeting, string signature, string messageId)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(new MailboxAddress(toName ?? "", toAddress));
        message.Subject = draft.Title;
        // Stable per event and kind: a mail sent twice through a crash is recognisably the same mail.
        message.MessageId = messageId;
        message.Headers.Add(HeaderId.ContentLanguage, language);
        message.Headers.Add(KindHeader, kind.Name());
        if (orderNumber is not null) message.Headers.Add(OrderHeader, orderNumber);
        message.Body = new BodyBuilder
        {
            TextBody = PlainText(draft, greeting, signature),
            HtmlBody = Html(draft, greeting, signature, language),
        }.ToMessageBody();
        return message;
    }

    private static string PlainText(MessageDraft draft, string greeting, string signature)
    {
        var text = new StringBuilder();
        text.AppendLine(greeting).AppendLine();
        foreach (var paragraph in draft.Paragraphs) text.AppendLine(paragraph).AppendLine();
        foreach (var row in draft.Rows) text.Append("  ").Append(row.Label).Append(": ").AppendLine(row.Value);
        if (draft.Rows.Count > 0) text.AppendLine();
        if (draft.Link is { } link) text.Append(link.Label).Append(": ").AppendLine(link.Url).AppendLine();
        text.AppendLine(signature);
        return text.ToString();
    }

    private static string Html(MessageDraft draft, string greeting, string signature, string language)
    {
        static string E(string value) => WebUtility.HtmlEncode(value);
        var html = new StringBuilder();
        html.Append($"<!DOCTYPE html><html lang=\"{E(language)}\"><head><meta charset=\"utf-8\"><title>{E(draft.Title)}</title></head>");
        html.Append("<body style=\"font-family:Arial,sans-serif;color:#1f2933;max-width:560px\">");
        html.Append($"<h1 style=\"font-size:20px\">{E(draft.Title)}</h1><p>{E(greeting)}</p>");
        foreach (var paragraph in draft.Paragraphs) html.Append($"<p>{E(paragraph)}</p>");
        if (draft.Rows.Count > 0)
        {
            html.Append("<table style=\"border-collapse:collapse\">");
            foreach (var row in draft.Rows)
                html.Append($"<tr><td style=\"padding:4px 12px 4px 0\">{E(row.Label)}</td><td style=\"padding:4px 0;text-align:right\">{E(row.Value)}</td></tr>");
            html.Append("</table>");
        }
        if (draft.Link is { } link) html.Append($"<p><a href=\"{E(link.Url)}\">{E(link.Label)}</a></p>");
        html.Append($"<p>{E(signature)}</p></body></html>");
        return html.ToString();
    }
}
