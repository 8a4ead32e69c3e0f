namespace Grocery.Ordering.Domain;

/// <summary>
/// PostgreSQL text refuses NUL and strict UTF-8 refuses unpaired surrogates, and no name, code or note
/// needs a control character; free text may keep line breaks and tabs.
/// </summary>
public static class TextRules
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

    /// <summary>The problem with an optional text field, or null when it is acceptable.</summary>
    public static string? Check(string? value, int maxLength, bool multiline = false) =>
        value is null ? null
        : value.Length > maxLength ? $"At most {maxLength} characters."
        : !IsClean(value, multiline) ? "Contains characters that are not allowed (control characters)."
        : null;
}
