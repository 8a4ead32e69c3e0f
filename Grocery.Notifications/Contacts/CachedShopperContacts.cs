using System.Collections.Concurrent;
using Grocery.Notifications.Notifying;
using Microsoft.Extensions.Options;

namespace Grocery.Notifications.Contacts;

/// <summary>
/// Recently read contacts, in this process's memory only, for <see cref="NotificationsOptions.ContactLifetime"/>:
/// an order's messages (confirmed, picked, packed, out for delivery, delivered) and their mails come minutes
/// apart, and asking Identity for the same shopper at each was most of Identity's work under load. An unknown
/// account is never remembered, so a deleted one is not mailed from memory; a changed address or language
/// reaches mails within the lifetime.
/// </summary>
internal sealed class ShopperContactCache(IOptions<NotificationsOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<Guid, (ShopperContact Contact, DateTimeOffset Until)> _contacts = new();

    public ShopperContact? Find(Guid userId) =>
        _contacts.TryGetValue(userId, out var cached) && cached.Until > time.GetUtcNow() ? cached.Contact : null;

    public void Remember(ShopperContact contact)
    {
        var lifetime = options.Value.ContactLifetime;
        if (lifetime <= TimeSpan.Zero) return;
        var now = time.GetUtcNow();
        // Bounded: past the limit, what has expired goes, and if that frees nothing, everything does.
        if (_contacts.Count >= options.Value.ContactCacheSize)
        {
            foreach (var (userId, entry) in _contacts)
                if (entry.Until <= now) _contacts.TryRemove(userId, out _);
            if (_contacts.Count >= options.Value.ContactCacheSize) _contacts.Clear();
        }
        _contacts[contact.UserId] = (contact, now + lifetime);
    }

    public void Forget(Guid userId) => _contacts.TryRemove(userId, out _);
}

/// <summary>Identity's contact lookup through <see cref="ShopperContactCache"/>.</summary>
internal sealed class CachedShopperContacts(IdentityContactClient identity, ShopperContactCache cache) : IShopperContacts
{
    public async Task<ShopperContact?> FindAsync(Guid userId, CancellationToken cancellationToken)
    {
        if (cache.Find(userId) is { } known) return known;
        var contact = await identity.FindAsync(userId, cancellationToken);
        if (contact is null) cache.Forget(userId);
        else cache.Remember(contact);
        return contact;
    }
}
