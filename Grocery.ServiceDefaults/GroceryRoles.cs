namespace Grocery.ServiceDefaults;

public static class GroceryRoles
{
    public const string Customer = "customer";
    public const string Picker = "picker";
    public const string Driver = "driver";
    public const string StoreManager = "store-manager";
    public const string Admin = "admin";

    /// <summary>
    /// Carried only by tokens Identity issues to services through the client-credentials grant;
    /// it can never be granted to a user.
    /// </summary>
    public const string Service = "service";

    /// <summary>The roles an admin can grant to users.</summary>
    public static readonly IReadOnlyList<string> All = [Customer, Picker, Driver, StoreManager, Admin];

    /// <summary>Staff roles that work in one warehouse and carry its assignment in their token.</summary>
    public static readonly IReadOnlyList<string> WarehouseStaff = [Picker, Driver, StoreManager];
}
