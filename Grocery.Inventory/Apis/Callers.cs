using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Grocery.Inventory.Apis;

internal static class Callers
{
    /// <summary>Role of service-to-service tokens (e.g. Ordering calling Inventory).</summary>
    public const string ServiceRole = GroceryRoles.Service;

    public const string StaffOrServicePolicy = "inventory-staff-or-service";

    public static bool IsStaffOrService(this ClaimsPrincipal user) =>
        user.IsInRole(GroceryRoles.Picker) || user.IsInRole(GroceryRoles.StoreManager) || user.IsInRole(GroceryRoles.Admin) || user.IsInRole(ServiceRole);

    public static Guid? UserGuid(this ClaimsPrincipal user) => Guid.TryParse(user.GetUserId(), out var id) ? id : null;

    public static string Actor(this ClaimsPrincipal user) => "user:" + (user.GetUserId() ?? "unknown");

    /// <summary>Staff act only in the warehouse they are assigned to (admins and services in any).</summary>
    public static ProblemHttpResult NotYourWarehouse(Guid warehouseId) => TypedResults.Problem(
        statusCode: StatusCodes.Status403Forbidden,
        title: "Not your warehouse.",
        detail: $"You are not assigned to warehouse {warehouseId}; staff work only in the warehouse they are assigned to.");
}
