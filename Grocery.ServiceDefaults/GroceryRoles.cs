namespace Grocery.ServiceDefaults;

public static class GroceryRoles
{
    public const string Customer = "customer";
    public const string Picker = "picker";
    public const string StoreManager = "store-manager";
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [Customer, Picker, StoreManager, Admin];
}
