using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Grocery.Catalog.Reading;

/// <summary>
/// Keyset position: the last row's sort key and id. Opaque to clients (base64url) and bound to its
/// sort, so a cursor from a price listing cannot be replayed on a name listing.
/// </summary>
public sealed record ListingCursor(ListingSort Sort, string Key, Guid Id)
{
    public string Encode() =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{(int)Sort}|{Key}|{Id:N}"));

    public static bool TryDecode(string value, ListingSort expectedSort, out ListingCursor? cursor)
    {
        cursor = null;
        try
        {
            var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(value)).Split('|');
            if (parts.Length != 3 || !int.TryParse(parts[0], out var sort) || sort != (int)expectedSort
                || !Guid.TryParseExact(parts[2], "N", out var id)) return false;
            var keyValid = expectedSort switch
            {
                ListingSort.Relevance => int.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out _),
                ListingSort.Newest => long.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out _),
                ListingSort.NameAsc => true,
                _ => decimal.TryParse(parts[1], NumberStyles.Number, CultureInfo.InvariantCulture, out _),
            };
            if (!keyValid) return false;
            cursor = new ListingCursor(expectedSort, parts[1], id);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
