namespace Grocery.ServiceDefaults;

/// <summary>
/// Authorization policy names. Each is named after the role it requires; staff roles include the
/// roles above them (an admin can do what a store manager can, a store manager what a picker or a driver can).
/// </summary>
public static class GroceryPolicies
{
    public const string Customer = GroceryRoles.Customer;
    public const string Picker = GroceryRoles.Picker;
    public const string Driver = GroceryRoles.Driver;
    public const string StoreManager = GroceryRoles.StoreManager;
    public const string Admin = GroceryRoles.Admin;

    /// <summary>Service-to-service calls (client-credentials tokens); admins may call them too.</summary>
    public const string Service = GroceryRoles.Service;
}
