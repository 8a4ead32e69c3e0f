using Microsoft.AspNetCore.WebUtilities;

namespace Grocery.Web.Shopping;

/// <summary>
/// Where the shopper wants delivery: what they typed, the zone serving it and that zone's warehouse
/// (whose stock the pages show). Kept in a plain cookie: nothing in it is secret, and a forged value
/// only changes which stock the shopper sees; checkout resolves the zone again from the postcode.
/// </summary>
public sealed record DeliveryArea(string Text, Guid ZoneId, Guid WarehouseId, string ZoneName)
{
    public const string CookieName = "grocery.area";

    public bool IsPostcode => Text.All(char.IsDigit);

    public string ToCookie() => QueryString.Create(new Dictionary<string, string?>
    {
        ["t"] = Text, ["z"] = ZoneId.ToString(), ["w"] = WarehouseId.ToString(), ["n"] = ZoneName,
    }).ToUriComponent();

    public static DeliveryArea? FromCookie(string? value)
    {
        if (string.IsNullOrEmpty(value)) return null;
        var parts = QueryHelpers.ParseQuery(value);
        return parts.TryGetValue("t", out var text) && text.ToString().Length > 0
            && Guid.TryParse(parts.GetValueOrDefault("z"), out var zone) && Guid.TryParse(parts.GetValueOrDefault("w"), out var warehouse)
            ? new DeliveryArea(text.ToString(), zone, warehouse, parts.GetValueOrDefault("n").ToString())
            : null;
    }

    public static DeliveryArea? Of(HttpContext? context) => FromCookie(context?.Request.Cookies[CookieName]);
}
