using System.Globalization;
using System.Text;

namespace Grocery.Delivery.Domain;

/// <summary>
/// Shoppers type "Quận 1", "quan 1" or "QUẬN  1"; all must find the same zone, so names are compared
/// without case, diacritics (đ included, which Unicode does not decompose) or repeated spaces.
/// </summary>
public static class AreaName
{
    public static string Normalize(string value)
    {
        var decomposed = value.Trim().Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        var lastWasSpace = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            if (char.IsWhiteSpace(c))
            {
                if (!lastWasSpace) builder.Append(' ');
                lastWasSpace = true;
                continue;
            }
            lastWasSpace = false;
            builder.Append(c switch { 'đ' or 'Đ' => 'd', _ => char.ToLowerInvariant(c) });
        }
        return builder.ToString();
    }
}
