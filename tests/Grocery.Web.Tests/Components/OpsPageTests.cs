using System.Security.Claims;
using Grocery.Web.Components.Pages.Staff;
using Grocery.Web.Services;
using Grocery.Web.Shopping;
using Grocery.Web.Staff;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Grocery.Web.Tests.Components;

public sealed class OpsPageTests : StorefrontTestContext
{
    private static readonly Guid Stuck = new("0193a5c0-0000-7000-8000-00000000beef");
    private readonly FakeOps _ops = new();

    public OpsPageTests()
    {
        Services.AddSingleton<IOps>(_ops);
        var auth = AddAuthorization();
        auth.SetAuthorized("admin@example.com");
        auth.SetRoles(GroceryRoles.Admin);
    }

    [Fact]
    public void The_overview_shows_stuck_orders_with_their_step_and_age_and_each_services_dead_letters_to_replay_or_discard()
    {
        UseLanguage("en");

        var page = Render<OpsPage>(p => p.AddCascadingValue(Admin()));

        var stuck = page.Find("[data-testid=stuck-order]");
        Assert.Contains("#0193A5C0", stuck.TextContent);
        Assert.Contains("payment", stuck.TextContent);
        Assert.Contains("2 h 05 min", stuck.TextContent);
        var ordering = page.Find("[data-service=ordering]");
        Assert.Equal("/staff/ops/ordering/dead-letters/7/replay", ordering.QuerySelector("[data-testid=dead-letter] form")!.GetAttribute("action"));
        Assert.Contains("3 waiting behind it", ordering.TextContent);
        Assert.Contains("Operations are not available right now", page.Find("[data-service=delivery]").TextContent);
        Assert.Equal("1", page.Find("[data-testid=dead-letter-count]").TextContent);
        Assert.Equal(ResourceNames.Services.Count, page.FindAll("[data-testid=service-dead-letters]").Count);
        Assert.All(_ops.Tokens, t => Assert.Equal("admin-token", t));
    }

    [Fact]
    public async Task Replaying_a_dead_letter_goes_through_the_named_service_and_comes_back_saying_so()
    {
        var result = await StaffEndpoints.ResolveAsync(ResourceNames.Ordering, 7, "replay", Admin(), _ops, NullLogger.Instance, CancellationToken.None);

        Assert.Equal((ResourceNames.Ordering, 7L, "replay"), _ops.Resolved.Single());
        Assert.Equal("/staff/ops?done=replay&letter=ordering%20%237", result.Url);
    }

    [Fact]
    public async Task A_service_that_is_not_one_of_ours_is_refused_without_a_call()
    {
        var result = await StaffEndpoints.ResolveAsync("elsewhere", 7, "discard", Admin(), _ops, NullLogger.Instance, CancellationToken.None);

        Assert.Empty(_ops.Resolved);
        Assert.StartsWith("/staff/ops?error=", result.Url);
    }

    private static DefaultHttpContext Admin() =>
        new() { User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ShopperTokens.AccessToken, "admin-token"), new Claim(ClaimTypes.Role, GroceryRoles.Admin)], "test")) };

    private sealed class FakeOps : IOps
    {
        public List<string> Tokens { get; } = [];

        public List<(string Service, long Id, string Action)> Resolved { get; } = [];

        public Task<ApiResult<IReadOnlyList<StuckOrder>>> StuckOrdersAsync(string accessToken, CancellationToken cancellationToken = default)
        {
            Tokens.Add(accessToken);
            IReadOnlyList<StuckOrder> stuck = [new(Stuck, "Placed", "Reserved", "Booked", "Pending", Now.AddHours(-2), null, "payment", TimeSpan.FromMinutes(125))];
            return Task.FromResult(new ApiResult<IReadOnlyList<StuckOrder>>(stuck, null, 200));
        }

        public Task<ServiceDeadLetters> PendingDeadLettersAsync(string accessToken, string service, CancellationToken cancellationToken = default)
        {
            Tokens.Add(accessToken);
            if (service == ResourceNames.Delivery) throw new HttpRequestException("Connection refused");
            IReadOnlyList<DeadLetter> letters = service == ResourceNames.Ordering
                ? [new(7, "grocery.payments", 1, 42, "order-1", "m-1", "PaymentCaptured", "Handler threw", 5, Now.AddMinutes(-30), 3)]
                : [];
            return Task.FromResult(new ServiceDeadLetters(service, letters, null));
        }

        public Task<ApiResult<object>> ResolveAsync(string accessToken, string service, long id, string action, CancellationToken cancellationToken = default)
        {
            Resolved.Add((service, id, action));
            return Task.FromResult(new ApiResult<object>(new object(), null, 200));
        }
    }
}
