using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Grocery.Catalog.Domain;
using Grocery.Persistence;

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

    /// <summary>
    /// Refuses anything this service would not have made, so a tampered cursor is the client's error and never
    /// reaches PostgreSQL as a key or snapshot it cannot read.
    /// </summary>
    public static bool TryDecode(string value, ListingSort expectedSort, out ListingCursor? cursor)
    {
        cursor = null;
        if (value.Length > CatalogLimits.CursorMaxLength) return false;
        string text;
        try
        {
            text = StrictUtf8.GetString(Base64Url.DecodeFromChars(value));
        }
        catch (FormatException)
        {
            return false;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
        // sort|key|id|snapshot, read from both ends because a name (the key of a name listing) may hold '|'.
        var first = text.IndexOf('|');
        var last = text.LastIndexOf('|');
        if (first < 0 || last <= first || !int.TryParse(text.AsSpan(0, first), NumberStyles.None, CultureInfo.InvariantCulture, out var sort)
            || sort != (int)expectedSort) return false;
        string? snapshot = null;
        var idText = text[(last + 1)..];
        // Cursors made before snapshots were carried end with the id; they page by current prices.
        if (!Guid.TryParseExact(idText, "N", out var id))
        {
            snapshot = idText.Length > 0 ? idText : null;
            var beforeLast = text.LastIndexOf('|', last - 1);
            if (beforeLast <= first || !Guid.TryParseExact(text.AsSpan(beforeLast + 1, last - beforeLast - 1), "N", out id)) return false;
            last = beforeLast;
        }
        var key = text[(first + 1)..last];
        if (!IsValidKey(expectedSort, key)) return false;
        if (snapshot is not null && !IsValidSnapshot(snapshot)) return false;
        cursor = new ListingCursor(expectedSort, key, id, snapshot);
        return true;
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The sort key as <see cref="ProductReader"/> writes it: within the range of the column it is compared with.</summary>
    private static bool IsValidKey(ListingSort sort, string key) => sort switch
    {
        ListingSort.Relevance => int.TryParse(key, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _),
        ListingSort.Newest => long.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) && ticks <= DateTime.MaxValue.Ticks,
        ListingSort.NameAsc => StoredText.Check(key, CatalogLimits.NameMaxLength) is null,
        _ => decimal.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var price) && price <= CatalogLimits.MaxUnitPrice,
    };

    /// <summary>
    /// pg_snapshot's text form, xmin:xmax:xip,... with the rules PostgreSQL reads it by: 64-bit ids, xmin
    /// not zero and not after xmax, in-progress ids ascending within [xmin, xmax).
    /// </summary>
    private static bool IsValidSnapshot(string snapshot)
    {
        if (!SnapshotText().IsMatch(snapshot)) return false;
        var fields = snapshot.Split(':');
        if (!ulong.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var xmin)
            || !ulong.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var xmax) || xmin == 0 || xmax < xmin) return false;
        var previous = xmin;
        foreach (var raw in fields[2].Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!ulong.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var xip) || xip < previous || xip >= xmax) return false;
            previous = xip;
        }
        return true;
    }

    [GeneratedRegex(@"^\d{1,20}:\d{1,20}:(\d{1,20}(,\d{1,20}){0,999})?\z")]
    private static partial Regex SnapshotText();
}
