namespace Grocery.Identity.Domain;

/// <summary>
/// Length matters more than character classes (NIST SP 800-63B): at least 10 characters, mixing
/// letters with digits or symbols, never the e-mail address itself.
/// </summary>
public static class PasswordRules
{
    public const int MinLength = IdentityLimits.PasswordMinLength;
    public const int MaxLength = IdentityLimits.PasswordMaxLength;

    public static string? Check(string? password, string? email)
    {
        if (string.IsNullOrEmpty(password)) return "A password is required.";
        if (password.Length < MinLength) return $"The password must have at least {MinLength} characters.";
        if (password.Length > MaxLength) return $"The password must have at most {MaxLength} characters.";
        if (!password.Any(char.IsLetter) || password.All(char.IsLetter)) return "The password must mix letters with digits or symbols.";
        if (password.Distinct().Count() < 5) return "The password repeats too few distinct characters.";
        if (email is not null && password.Contains(email.Split('@')[0], StringComparison.OrdinalIgnoreCase) && email.Split('@')[0].Length >= 4)
            return "The password must not contain the e-mail address.";
        return null;
    }
}
