namespace Grocery.ServiceDefaults;

/// <summary>
/// Authorization policy names. Each is named after the role it requires; staff roles include the
/// roles above them (an admin can do what a store manager can, a store manager what a picker can).
/// </summary>
public static class GroceryPolicies
{
    public const string Customer = GroceryRoles.Customer;
    public const string Picker = GroceryRoles.Picker;
    public const string StoreManager = GroceryRoles.StoreManager;
    public const string Admin = GroceryRoles.Admin;
}
