namespace Grocery.Gateway.Routing;

/// <summary>
/// Which service owns each public resource under <c>/api/v1</c> (ARCHITECTURE.md, "Public surface").
/// </summary>
public static class GatewayRouteTable
{
    public static readonly IReadOnlyDictionary<string, string> ResourceOwners = new Dictionary<string, string>
    {
        ["products"] = ResourceNames.Catalog,
        ["categories"] = ResourceNames.Catalog,
        ["search"] = ResourceNames.Catalog,
        ["stock"] = ResourceNames.Inventory,
        ["reservations"] = ResourceNames.Inventory,
        ["warehouses"] = ResourceNames.Inventory,
        ["returns"] = ResourceNames.Inventory,
        ["zones"] = ResourceNames.Delivery,
        ["slots"] = ResourceNames.Delivery,
        ["shipments"] = ResourceNames.Delivery,
        ["carriers"] = ResourceNames.Delivery,
        ["basket"] = ResourceNames.Ordering,
        ["orders"] = ResourceNames.Ordering,
        ["picking"] = ResourceNames.Ordering,
        ["payments"] = ResourceNames.Ordering,
        ["auth"] = ResourceNames.Identity,
        ["me"] = ResourceNames.Identity,
        ["users"] = ResourceNames.Identity,
    };

    /// <summary>
    /// Paths inside another service's resource that a different service owns. Each route's literal
    /// segments outrank the resource's catch-all, so <c>/api/v1/me/notifications/…</c> reaches
    /// Notifications while the rest of <c>/api/v1/me</c> stays Identity's.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> NestedOwners = new Dictionary<string, string>
    {
        ["me/notifications"] = ResourceNames.Notifications,
    };
}
