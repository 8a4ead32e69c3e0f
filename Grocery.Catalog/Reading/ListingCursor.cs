using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Grocery.Catalog.Reading;

/// <summary>
/// Keyset position: the last row's sort key and id, plus the PostgreSQL snapshot the listing's first
/// page was read in. Later pages order by the prices as of that snapshot, so repricing while a shopper
/// pages can neither skip nor repeat a product. Opaque to clients (base64url) and bound to its sort,
/// so a cursor from a price listing cannot be replayed on a name listing.
/// </summary>
public sealed partial record ListingCursor(ListingSort Sort, string Key, Guid Id, string? Snapshot)
{
    public string Encode() =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{(int)Sort}|{Key}|{Id:N}|{Snapshot}"));

    public static bool TryDecode(string value, ListingSort expectedSort, out ListingCursor? cursor)
    {
        cursor = null;
        try
        {
            var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(value)).Split('|');
            if (parts.Length is not (3 or 4) || !int.TryParse(parts[0], out var sort) || sort != (int)expectedSort
                || !Guid.TryParseExact(parts[2], "N", out var id)) return false;
            var keyValid = expectedSort switch
            {
                ListingSort.Relevance => int.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out _),
                ListingSort.Newest => long.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out _),
                ListingSort.NameAsc => true,
                _ => decimal.TryParse(parts[1], NumberStyles.Number, CultureInfo.InvariantCulture, out _),
            };
            if (!keyValid) return false;
            // Cursors made before snapshots were carried have three parts; they page by current prices.
            var snapshot = parts.Length == 4 && parts[3].Length > 0 ? parts[3] : null;
            if (snapshot is not null && !SnapshotText().IsMatch(snapshot)) return false;
            cursor = new ListingCursor(expectedSort, parts[1], id, snapshot);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>pg_snapshot's text form, xmin:xmax:xip,...</summary>
    [GeneratedRegex(@"^\d{1,20}:\d{1,20}:(\d{1,20}(,\d{1,20}){0,999})?$")]
    private static partial Regex SnapshotText();
}
