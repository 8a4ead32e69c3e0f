namespace Grocery.Notifications.Contacts;

public interface IShopperContacts
{
    /// <summary>The shopper's address, name and language, or null when Identity no longer knows the account.</summary>
    Task<ShopperContact?> FindAsync(Guid userId, CancellationToken cancellationToken);
}
