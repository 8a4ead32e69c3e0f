using System.Security.Claims;

namespace Grocery.Inventory.Apis;

internal static class Callers
{
    /// <summary>Role of service-to-service tokens (e.g. Ordering calling Inventory).</summary>
    public const string ServiceRole = "service";

    public const string StaffOrServicePolicy = "inventory-staff-or-service";

    public static bool IsStaffOrService(this ClaimsPrincipal user) =>
        user.IsInRole(GroceryRoles.Picker) || user.IsInRole(GroceryRoles.StoreManager) || user.IsInRole(GroceryRoles.Admin) || user.IsInRole(ServiceRole);

    public static Guid? UserGuid(this ClaimsPrincipal user) => Guid.TryParse(user.GetUserId(), out var id) ? id : null;

    public static string Actor(this ClaimsPrincipal user) => "user:" + (user.GetUserId() ?? "unknown");
}
