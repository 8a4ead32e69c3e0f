using System.Text.Json;
using Grocery.Ordering.Clients;
using Grocery.Ordering.Saga;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Grocery.Ordering.Basket;

/// <summary>Baskets in Redis, one JSON value per owner; writes are compare-and-set so concurrent edits never lose a line.</summary>
public sealed class BasketStore(IConnectionMultiplexer redis, IOptions<OrderingOptions> options)
{
    private const int MaxAttempts = 10;

    private IDatabase Database => redis.GetDatabase();

    public async Task<CustomerBasket> GetAsync(BasketOwner owner)
    {
        var value = await Database.StringGetAsync(owner.Key);
        return Deserialize(value);
    }

    public async Task<CustomerBasket> UpdateAsync(BasketOwner owner, Func<CustomerBasket, CustomerBasket> change)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var current = await Database.StringGetAsync(owner.Key);
            var updated = change(Deserialize(current));
            var transaction = Database.CreateTransaction();
            transaction.AddCondition(current.IsNull ? Condition.KeyNotExists(owner.Key) : Condition.StringEqual(owner.Key, current));
            _ = updated.Lines.Count == 0
                ? transaction.KeyDeleteAsync(owner.Key)
                : transaction.StringSetAsync(owner.Key, Serialize(updated), LifetimeOf(owner));
            if (await transaction.ExecuteAsync()) return updated;
        }
        throw new InvalidOperationException($"The basket {owner.Key} kept changing; try again.");
    }

    /// <summary>
    /// Moves the guest basket into the user's atomically: both keys are checked unchanged and the guest key removed.
    /// Returns null, changing nothing, when the merged basket would hold more than <paramref name="maxLines"/> products.
    /// </summary>
    public async Task<CustomerBasket?> MergeAsync(BasketOwner guest, BasketOwner user, int maxLines)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var guestValue = await Database.StringGetAsync(guest.Key);
            var userValue = await Database.StringGetAsync(user.Key);
            if (guestValue.IsNull) return Deserialize(userValue);
            var merged = Deserialize(userValue).MergeFrom(Deserialize(guestValue));
            if (merged.Lines.Count > maxLines) return null;
            var transaction = Database.CreateTransaction();
            transaction.AddCondition(Condition.StringEqual(guest.Key, guestValue));
            transaction.AddCondition(userValue.IsNull ? Condition.KeyNotExists(user.Key) : Condition.StringEqual(user.Key, userValue));
            _ = transaction.StringSetAsync(user.Key, Serialize(merged), LifetimeOf(user));
            _ = transaction.KeyDeleteAsync(guest.Key);
            if (await transaction.ExecuteAsync()) return merged;
        }
        throw new InvalidOperationException("The baskets kept changing during the merge; try again.");
    }

    public Task DeleteAsync(BasketOwner owner) => Database.KeyDeleteAsync(owner.Key);

    private TimeSpan LifetimeOf(BasketOwner owner) =>
        owner.IsGuest ? options.Value.GuestBasketLifetime : options.Value.CustomerBasketLifetime;

    private static CustomerBasket Deserialize(RedisValue value) =>
        value.IsNullOrEmpty ? CustomerBasket.Empty : JsonSerializer.Deserialize<CustomerBasket>((string)value!, RemoteJson.Options) ?? CustomerBasket.Empty;

    private static string Serialize(CustomerBasket basket) => JsonSerializer.Serialize(basket, RemoteJson.Options);
}
