using System.Security.Claims;

namespace Grocery.ServiceDefaults;

/// <summary>
/// Staff (pickers, drivers, store managers) work for one warehouse; Identity puts it in their token
/// as the <see cref="ClaimType"/> claim. Every service that acts on a warehouse's orders, stock or
/// slots checks it with <see cref="MayWorkIn"/>.
/// </summary>
public static class WarehouseAssignment
{
    public const string ClaimType = "warehouse";

    /// <summary>The warehouse the caller is assigned to, or null when none (customers, unassigned staff, admins, services).</summary>
    public static Guid? GetWarehouseId(this ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(ClaimType), out var id) ? id : null;

    /// <summary>Admins and services act on every warehouse; other staff only on the one they are assigned to.</summary>
    public static bool MayWorkIn(this ClaimsPrincipal principal, Guid warehouseId) =>
        principal.IsInRole(GroceryRoles.Admin) || principal.IsInRole(GroceryRoles.Service) || principal.GetWarehouseId() == warehouseId;
}
