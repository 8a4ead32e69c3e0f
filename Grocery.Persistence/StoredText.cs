namespace Grocery.Persistence;

/// <summary>
/// What PostgreSQL text can hold: it refuses NUL, and strict UTF-8 has no unpaired surrogates. No name,
/// code or address needs a control character either; free text may keep line breaks and tabs.
/// </summary>
public static class StoredText
{
    public static bool IsClean(string value, bool multiline = false)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
                continue;
            }
            if (char.IsSurrogate(c)) return false;
            if (char.IsControl(c) && !(multiline && c is '\n' or '\r' or '\t')) return false;
        }
        return true;
    }

    /// <summary>The problem with a text value, or null when it fits; a null value is not checked.</summary>
    public static string? Check(string? value, int maxLength, bool multiline = false) =>
        value is null ? null
        : value.Length > maxLength ? $"At most {maxLength} characters."
        : !IsClean(value, multiline) ? "Contains characters that are not allowed (control characters)."
        : null;

    /// <summary>Text from outside (a carrier's callback) is kept, not refused: characters that cannot be stored are dropped and the rest cut to fit.</summary>
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
