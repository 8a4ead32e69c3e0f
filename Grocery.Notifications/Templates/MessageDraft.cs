namespace Grocery.Notifications.Templates;

/// <summary>
/// One message in one language, before it becomes text: the in-app copy and both email bodies are
/// rendered from it, so they always say the same thing.
/// </summary>
public sealed record MessageDraft(string Title, IReadOnlyList<string> Paragraphs, IReadOnlyList<MessageRow> Rows, MessageLink? Link);

/// <summary>A labelled figure (an amount, a time, a line of a receipt).</summary>
public sealed record MessageRow(string Label, string Value);

public sealed record MessageLink(string Label, string Url);
