namespace Grocery.Delivery.Domain;

/// <summary>
/// PostgreSQL text refuses NUL and strict UTF-8 refuses unpaired surrogates, and no name or code
/// needs a control character.
/// </summary>
public static class TextRules
{
    public static bool IsClean(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
                continue;
            }
            if (char.IsSurrogate(c) || char.IsControl(c)) return false;
        }
        return true;
    }

    /// <summary>The problem with an optional text field, or null when it is acceptable.</summary>
    public static string? Check(string? value, int maxLength) =>
        value is null ? null
        : value.Length > maxLength ? $"At most {maxLength} characters."
        : !IsClean(value) ? "Contains characters that are not allowed (control characters)."
        : null;

    /// <summary>Text from a carrier is kept, not refused: characters that cannot be stored are dropped and the rest cut to fit.</summary>
    public static string Clip(string value, int maxLength)
    {
        var builder = new System.Text.StringBuilder(Math.Min(value.Length, maxLength));
        for (var i = 0; i < value.Length && builder.Length < maxLength; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                if (builder.Length + 2 > maxLength) break;
                builder.Append(c).Append(value[++i]);
            }
            else if (!char.IsSurrogate(c) && !char.IsControl(c))
            {
                builder.Append(c);
            }
        }
        return builder.ToString();
    }
}
