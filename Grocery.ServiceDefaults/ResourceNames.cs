namespace Grocery.ServiceDefaults;

/// <summary>
/// Names of the Aspire resources and connection strings, shared by the AppHost, the services and the tests.
/// </summary>
public static class ResourceNames
{
    public const string Postgres = "postgres";
    public const string CatalogDb = "catalogdb";
    public const string InventoryDb = "inventorydb";
    public const string OrderingDb = "orderingdb";
    public const string DeliveryDb = "deliverydb";
    public const string IdentityDb = "identitydb";
    public const string NotificationsDb = "notificationsdb";
    public const string Cache = "cache";
    public const string Kafka = "kafka";
    /// <summary>The mail catcher of local runs (the notifier's SMTP relay); its web inbox serves /api/messages.</summary>
    public const string Smtp4dev = "smtp4dev";

    public const string Catalog = "catalog";
    public const string Inventory = "inventory";
    public const string Ordering = "ordering";
    public const string Delivery = "delivery";
    public const string Identity = "identity";
    public const string Notifications = "notifications";
    public const string Gateway = "gateway";
    public const string Web = "web";

    public const string BootstrapAdminEmail = "bootstrap-admin-email";
    public const string BootstrapAdminPassword = "bootstrap-admin-password";

    /// <summary>The AppHost's secret parameter holding a service's client-credentials secret.</summary>
    public static string ServiceClientSecret(string clientId) => $"{clientId}-client-secret";

    public static readonly IReadOnlyList<string> Databases = [CatalogDb, InventoryDb, OrderingDb, DeliveryDb, IdentityDb, NotificationsDb];
    public static readonly IReadOnlyList<string> Services = [Catalog, Inventory, Ordering, Delivery, Identity, Notifications];
}
