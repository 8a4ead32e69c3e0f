using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Grocery.Ordering.Apis;

/// <summary>
/// Where a page of the order history ends: the last order's placing time and id (newest first, the id
/// breaks ties). Opaque to clients, who only hand it back; its shape may change.
/// </summary>
public readonly record struct OrderHistoryCursor(DateTimeOffset PlacedAt, Guid OrderId)
{
    private const int MaxEncodedLength = 128;

    public string Encode() =>
        Base64Url.EncodeToString(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{PlacedAt.UtcTicks}.{OrderId:N}")));

    public static bool TryDecode(string? value, out OrderHistoryCursor cursor)
    {
        cursor = default;
        if (string.IsNullOrEmpty(value) || value.Length > MaxEncodedLength || !Base64Url.IsValid(value)) return false;
        var parts = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(value)).Split('.');
        if (parts.Length != 2
            || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks
            || !Guid.TryParseExact(parts[1], "N", out var id))
            return false;
        cursor = new(new DateTimeOffset(ticks, TimeSpan.Zero), id);
        return true;
    }
}
