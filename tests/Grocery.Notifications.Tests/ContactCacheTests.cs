using Grocery.Notifications.Contacts;
using Grocery.Notifications.Notifying;
using Microsoft.Extensions.Options;

namespace Grocery.Notifications.Tests;

/// <summary>The contact lookup in front of Identity: an order's messages reuse a recent answer, never a missing account.</summary>
public sealed class ContactCacheTests
{
    private static readonly ShopperContact Lan = new(Guid.NewGuid(), "lan@example.test", "Lan", "vi");
    private readonly ManualTime _time = new();
    private readonly CountingIdentity _identity = new();
    private readonly ShopperContactCache _cache;
    private readonly CachedShopperContacts _contacts;

    public ContactCacheTests()
    {
        _cache = new ShopperContactCache(Options.Create(new NotificationsOptions { ContactLifetime = TimeSpan.FromSeconds(30) }), _time);
        _contacts = new CachedShopperContacts(new IdentityContactClient(new HttpClient(_identity) { BaseAddress = new Uri("http://identity.test") }), _cache);
        _identity.Known[Lan.UserId] = Lan;
    }

    [Fact]
    public async Task A_shopper_looked_up_again_within_the_lifetime_is_answered_without_asking_identity()
    {
        var first = await _contacts.FindAsync(Lan.UserId, TestContext.Current.CancellationToken);
        _time.Advance(TimeSpan.FromSeconds(29));
        var second = await _contacts.FindAsync(Lan.UserId, TestContext.Current.CancellationToken);

        Assert.Equal(Lan, first);
        Assert.Equal(Lan, second);
        Assert.Equal(1, _identity.CallsFor(Lan.UserId));
    }

    [Fact]
    public async Task After_the_lifetime_identity_is_asked_again_and_a_changed_language_is_used()
    {
        await _contacts.FindAsync(Lan.UserId, TestContext.Current.CancellationToken);
        _identity.Known[Lan.UserId] = Lan with { Language = "en" };
        _time.Advance(TimeSpan.FromSeconds(30));

        var again = await _contacts.FindAsync(Lan.UserId, TestContext.Current.CancellationToken);

        Assert.Equal("en", again!.Language);
        Assert.Equal(2, _identity.CallsFor(Lan.UserId));
    }

    [Fact]
    public async Task An_account_identity_does_not_know_is_asked_for_every_time()
    {
        var unknown = Guid.NewGuid();

        Assert.Null(await _contacts.FindAsync(unknown, TestContext.Current.CancellationToken));
        Assert.Null(await _contacts.FindAsync(unknown, TestContext.Current.CancellationToken));

        Assert.Equal(2, _identity.CallsFor(unknown));
    }

    [Fact]
    public async Task A_forgotten_shopper_is_asked_for_again()
    {
        await _contacts.FindAsync(Lan.UserId, TestContext.Current.CancellationToken);
        _cache.Forget(Lan.UserId);

        await _contacts.FindAsync(Lan.UserId, TestContext.Current.CancellationToken);

        Assert.Equal(2, _identity.CallsFor(Lan.UserId));
    }

    private sealed class ManualTime : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }

    /// <summary>Identity's GET /api/v1/users/{id}/contact: the known contacts, 404 for anyone else, every call counted.</summary>
    private sealed class CountingIdentity : HttpMessageHandler
    {
        private readonly List<Guid> _calls = [];

        public Dictionary<Guid, ShopperContact> Known { get; } = [];

        public int CallsFor(Guid userId) => _calls.Count(c => c == userId);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var userId = Guid.Parse(request.RequestUri!.AbsolutePath.Split('/')[^2]);
            _calls.Add(userId);
            return Task.FromResult(Known.TryGetValue(userId, out var contact)
                ? new HttpResponseMessage(HttpStatusCode.OK) { Content = JsonContent.Create(contact) }
                : new HttpResponseMessage(HttpStatusCode.NotFound));
        }
    }
}
