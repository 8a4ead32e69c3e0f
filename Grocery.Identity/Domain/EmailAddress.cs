using System.Net.Mail;
using Grocery.Persistence;

namespace Grocery.Identity.Domain;

public sealed record EmailAddress(string Value, string Normalized)
{
    public const int MaxLength = IdentityLimits.EmailMaxLength;

    public static bool TryParse(string? input, out EmailAddress email)
    {
        email = null!;
        var trimmed = input?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > MaxLength || !StoredText.IsClean(trimmed)) return false;
        if (!MailAddress.TryCreate(trimmed, out var parsed) || parsed.Address != trimmed || !parsed.Host.Contains('.')) return false;
        email = new EmailAddress(trimmed, trimmed.ToLowerInvariant());
        return true;
    }

    public static string Normalize(string? input) => (input ?? "").Trim().ToLowerInvariant();
}
