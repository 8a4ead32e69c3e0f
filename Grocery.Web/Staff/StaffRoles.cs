using System.Security.Claims;

namespace Grocery.Web.Staff;

/// <summary>
/// Who may open the staff pages, as the comma-separated lists <c>[Authorize(Roles = ...)]</c> takes; the same
/// roles the services' policies accept, so a page never shows a button its service would refuse.
/// </summary>
public static class StaffRoles
{
    public const string Pickers = GroceryRoles.Picker + "," + GroceryRoles.StoreManager + "," + GroceryRoles.Admin;
    public const string Drivers = GroceryRoles.Driver + "," + GroceryRoles.StoreManager + "," + GroceryRoles.Admin;
    public const string Anyone = GroceryRoles.Picker + "," + GroceryRoles.Driver + "," + GroceryRoles.StoreManager + "," + GroceryRoles.Admin;

    public const string Ops = GroceryRoles.Admin;

    /// <summary>The store's own pages: receiving, stock, slots, prices and the catalog import.</summary>
    public const string Managers = GroceryRoles.StoreManager + "," + GroceryRoles.Admin;

    public static readonly IReadOnlyList<string> All = Anyone.Split(',');

    public static bool IsStaff(ClaimsPrincipal? user) => user is not null && All.Any(user.IsInRole);

    public static bool MayPick(ClaimsPrincipal? user) => user is not null && Pickers.Split(',').Any(user.IsInRole);

    public static bool MayDrive(ClaimsPrincipal? user) => user is not null && Drivers.Split(',').Any(user.IsInRole);

    public static bool MayManage(ClaimsPrincipal? user) => user is not null && Managers.Split(',').Any(user.IsInRole);

    public static bool MayRunOps(ClaimsPrincipal? user) => user?.IsInRole(GroceryRoles.Admin) == true;

    /// <summary>The warehouse to work in: the one asked for (admins work in any), else the staff member's own.</summary>
    public static Guid? WarehouseOf(ClaimsPrincipal? user, Guid? asked) => asked ?? user?.GetWarehouseId();

    /// <summary>
    /// A warehouse without a code, named on a bag label by the random tail of its id (upper case, to read off a bag); the
    /// head of a version-7 id is its creation time, which warehouses set up together would share.
    /// </summary>
    public static string ShortId(Guid id) => id.ToString("N")[^8..].ToUpperInvariant();
}
