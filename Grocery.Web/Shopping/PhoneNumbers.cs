using System.Text.RegularExpressions;

namespace Grocery.Web.Shopping;

/// <summary>Phone numbers as shoppers type them ("0901 234 567") into the international form the services store (+84901234567).</summary>
public static partial class PhoneNumbers
{
    public static string? ToE164(string? typed)
    {
        if (string.IsNullOrWhiteSpace(typed)) return null;
        var digits = Separators().Replace(typed.Trim(), "");
        // A Vietnamese number typed the local way: the trunk 0 becomes the country code.
        var international = digits.StartsWith('+') ? digits
            : digits.StartsWith("00", StringComparison.Ordinal) ? "+" + digits[2..]
            : digits.StartsWith('0') ? "+84" + digits[1..]
            : digits.StartsWith("84", StringComparison.Ordinal) ? "+" + digits
            : "+84" + digits;
        return E164().IsMatch(international) ? international : null;
    }

    [GeneratedRegex(@"[\s.\-()]")]
    private static partial Regex Separators();

    [GeneratedRegex(@"^\+[1-9][0-9]{6,14}\z", RegexOptions.CultureInvariant)]
    private static partial Regex E164();
}
