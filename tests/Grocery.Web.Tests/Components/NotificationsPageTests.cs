using System.Net;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Grocery.Web.Components.Pages.Account;
using Grocery.Web.Services;
using Grocery.Web.Shopping;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Primitives;

namespace Grocery.Web.Tests.Components;

public sealed class NotificationsPageTests : StorefrontTestContext
{
    private static readonly Guid OrderId = new("0193a5c0-0000-7000-8000-00000000cafe");
    private readonly FakeNotifications _notifications = new();

    public NotificationsPageTests() => Services.AddSingleton<INotifications>(_notifications);

    [Fact]
    public void Unread_notifications_are_marked_and_can_be_marked_read_while_read_ones_only_link_to_their_order()
    {
        UseLanguage("en");
        _notifications.Page = new NotificationPage(
            [
                Notification("Your order is on its way", read: false, Now),
                Notification("Your order is confirmed", read: true, Now.AddHours(-26)),
            ], 1, NotificationsClient.PageSize, 2, 1);

        var page = Render<NotificationsPage>(p => p.AddCascadingValue(SignedIn()));

        var items = page.FindAll("[data-testid=notification]");
        Assert.Equal(["Your order is on its way", "Your order is confirmed"], items.Select(i => i.QuerySelector(".title")!.TextContent));
        Assert.Equal("false", items[0].GetAttribute("data-read"));
        Assert.NotNull(items[0].QuerySelector("[data-testid=unread-marker]"));
        Assert.Equal($"/account/notifications/{_notifications.Page.Items[0].Id}/read", items[0].QuerySelector("form[data-testid=mark-read]")!.GetAttribute("action"));
        Assert.Equal("true", items[1].GetAttribute("data-read"));
        Assert.Null(items[1].QuerySelector("[data-testid=unread-marker]"));
        Assert.Null(items[1].QuerySelector("form[data-testid=mark-read]"));
        Assert.All(items, i => Assert.Equal($"/orders/{OrderId}", i.QuerySelector("[data-testid=notification-order]")!.GetAttribute("href")));
        // 01:00 UTC is 08:00 in Ho Chi Minh City, where the store is.
        Assert.Equal("Mon 7 Dec 08:00", items[0].QuerySelector("time")!.TextContent);
        Assert.Equal("1 unread", page.Find("[data-testid=unread-summary]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=notifications-pager]"));
        Assert.All(_notifications.Tokens, t => Assert.Equal("shopper-token", t));
    }

    [Fact]
    public void A_shopper_without_notifications_is_told_what_will_appear_here_in_Vietnamese()
    {
        UseLanguage("vi");

        var page = Render<NotificationsPage>(p => p.AddCascadingValue(SignedIn()));

        Assert.Empty(page.FindAll("[data-testid=notification]"));
        Assert.StartsWith("Bạn chưa có thông báo nào.", page.Find("[data-testid=no-notifications]").TextContent);
        Assert.Equal("Thông báo", page.Find("h1").TextContent);
    }

    [Fact]
    public void The_email_preferences_show_one_checkbox_per_kind_ticked_as_the_shopper_chose_and_say_the_app_always_shows_them()
    {
        UseLanguage("en");
        _notifications.Preferences = new NotificationPreferences(
            new Dictionary<string, bool>
            {
                ["delivered"] = true, ["orderConfirmed"] = true, ["outForDelivery"] = false,
                ["itemsChanged"] = true, ["orderCancelled"] = true, ["paymentActionNeeded"] = true,
            },
            new Dictionary<string, bool>());

        var page = Render<NotificationsPage>(p => p.AddCascadingValue(SignedIn()));

        var form = page.Find("form[data-testid=email-preferences]");
        Assert.Equal("/account/notifications/preferences", form.GetAttribute("action"));
        var boxes = form.QuerySelectorAll("input[type=checkbox][name=email]");
        Assert.Equal(["orderConfirmed", "itemsChanged", "outForDelivery", "delivered", "orderCancelled", "paymentActionNeeded"],
            boxes.Select(b => b.GetAttribute("value")));
        Assert.Equal([true, true, false, true, true, true], boxes.Select(b => b.HasAttribute("checked")));
        Assert.Equal(6, form.QuerySelectorAll("input[type=hidden][name=kind]").Length);
        Assert.Contains("Out for delivery", boxes[2].ParentElement!.TextContent);
        Assert.Contains("always appears here in the app", page.Find("#preferences").TextContent);
    }

    [Fact]
    public void More_notifications_than_one_page_are_paged_newer_and_older()
    {
        UseLanguage("en");
        Services.GetRequiredService<NavigationManager>().NavigateTo("/account/notifications?page=2");
        _notifications.Page = new NotificationPage([Notification("Delivered", read: false, Now)], 2, NotificationsClient.PageSize, 45, 3);

        var page = Render<NotificationsPage>(p => p.AddCascadingValue(SignedIn()));

        Assert.Equal(2, _notifications.RequestedPage);
        var pager = page.Find("[data-testid=notifications-pager]");
        Assert.Contains("Page 2 of 3", pager.TextContent);
        Assert.Equal("/account/notifications", pager.QuerySelector("a[rel=prev]")!.GetAttribute("href"));
        Assert.Equal("/account/notifications?page=3", pager.QuerySelector("a[rel=next]")!.GetAttribute("href"));
        Assert.Equal("2", page.Find("form[data-testid=mark-read] input[name=page]").GetAttribute("value"));
    }

    [Fact]
    public void With_Notifications_down_the_page_says_so_instead_of_failing()
    {
        UseLanguage("en");
        _notifications.Down = true;

        var page = Render<NotificationsPage>(p => p.AddCascadingValue(SignedIn()));

        Assert.Contains("Your notifications cannot be shown right now", page.Markup);
        Assert.Contains("Your email preferences cannot be shown right now", page.Markup);
        Assert.Empty(page.FindAll("form[data-testid=email-preferences]"));
    }

    [Fact]
    public async Task Saving_preferences_sends_every_listed_kind_on_when_ticked_and_off_when_not()
    {
        var service = new RecordingHandler(HttpStatusCode.OK, """{"email":{},"inApp":{}}""");
        var context = SignedIn();
        context.Request.Form = new FormCollection(new Dictionary<string, StringValues>
        {
            ["kind"] = new(["orderConfirmed", "outForDelivery", "delivered"]),
            ["email"] = new(["orderConfirmed", "delivered"]),
        });

        var result = await AccountEndpoints.SaveNotificationPreferencesAsync(context, new NotificationsClient(Client(service)),
            NullLogger<NotificationsClient>.Instance, CancellationToken.None);

        var (method, path, auth, body, _) = service.Requests.Single();
        Assert.Equal((HttpMethod.Put, "/api/v1/me/notifications/preferences", "Bearer shopper-token"), (method, path, auth));
        Assert.Equal("""{"email":{"orderConfirmed":true,"outForDelivery":false,"delivered":true}}""", body);
        Assert.Equal("/account/notifications?notice=saved#preferences", result.Url);
    }

    [Fact]
    public async Task Marking_read_goes_to_Notifications_and_back_to_the_same_page_or_says_the_notification_is_gone()
    {
        var id = Guid.NewGuid();
        var found = new RecordingHandler(HttpStatusCode.OK, "{}");
        var marked = await AccountEndpoints.MarkNotificationReadAsync(id, 2, SignedIn(), new NotificationsClient(Client(found)),
            NullLogger<NotificationsClient>.Instance, CancellationToken.None);
        var gone = await AccountEndpoints.MarkNotificationReadAsync(id, null, SignedIn(), new NotificationsClient(Client(new RecordingHandler(HttpStatusCode.NotFound, ""))),
            NullLogger<NotificationsClient>.Instance, CancellationToken.None);
        var down = await AccountEndpoints.MarkNotificationReadAsync(id, null, SignedIn(), new NotificationsClient(Client(new RecordingHandler(null, ""))),
            NullLogger<NotificationsClient>.Instance, CancellationToken.None);

        Assert.Equal((HttpMethod.Post, $"/api/v1/me/notifications/{id}/read"), (found.Requests.Single().Method, found.Requests.Single().Path));
        Assert.Equal("/account/notifications?page=2", marked.Url);
        Assert.Equal("/account/notifications?notice=missing", gone.Url);
        Assert.Equal("/account/notifications?notice=unavailable", down.Url);
    }

    [Fact]
    public async Task The_unread_count_is_read_from_the_smallest_page_Notifications_serves()
    {
        var service = new RecordingHandler(HttpStatusCode.OK,
            $$"""
            {"items":[{"id":"{{Guid.NewGuid()}}","kind":"orderConfirmed","orderId":"{{OrderId}}","title":"Đơn hàng đã xác nhận","body":"…",
                       "link":"http://localhost:5000/orders/{{OrderId}}","createdAt":"2026-12-07T01:00:00+00:00","read":false,"readAt":null}],
             "page":1,"pageSize":1,"total":4,"unread":3}
            """);

        var unread = await new NotificationsClient(Client(service)).UnreadCountAsync("shopper-token", Xunit.TestContext.Current.CancellationToken);

        Assert.Equal(3, unread);
        Assert.Equal("/api/v1/me/notifications?page=1&pageSize=1", service.Requests.Single().PathAndQuery);
    }

    private static ShopperNotification Notification(string title, bool read, DateTimeOffset at) =>
        new(Guid.NewGuid(), "outForDelivery", OrderId, title, "Body of " + title, $"http://localhost:5000/orders/{OrderId}", at, read, read ? at.AddMinutes(5) : null);

    private static DefaultHttpContext SignedIn() =>
        new() { User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ShopperTokens.AccessToken, "shopper-token")], "test")) };

    private static HttpClient Client(HttpMessageHandler handler) => new(handler) { BaseAddress = new Uri("http://gateway") };

    private sealed class FakeNotifications : INotifications
    {
        public NotificationPage Page { get; set; } = new([], 1, NotificationsClient.PageSize, 0, 0);

        public NotificationPreferences Preferences { get; set; } =
            new(new Dictionary<string, bool> { ["orderConfirmed"] = true }, new Dictionary<string, bool> { ["orderConfirmed"] = true });

        public bool Down { get; set; }

        public int? RequestedPage { get; private set; }

        public List<string> Tokens { get; } = [];

        public Task<NotificationPage> ListAsync(string accessToken, int page, int pageSize, CancellationToken cancellationToken = default)
        {
            Tokens.Add(accessToken);
            RequestedPage = page;
            return Down ? Task.FromException<NotificationPage>(new HttpRequestException("Connection refused")) : Task.FromResult(Page);
        }

        public Task<int> UnreadCountAsync(string accessToken, CancellationToken cancellationToken = default) => Task.FromResult(Page.Unread);

        public Task<bool> MarkReadAsync(string accessToken, Guid id, CancellationToken cancellationToken = default) => Task.FromResult(true);

        public Task<NotificationPreferences> GetPreferencesAsync(string accessToken, CancellationToken cancellationToken = default)
        {
            Tokens.Add(accessToken);
            return Down ? Task.FromException<NotificationPreferences>(new HttpRequestException("Connection refused")) : Task.FromResult(Preferences);
        }

        public Task<ApiResult<NotificationPreferences>> SetEmailPreferencesAsync(string accessToken, IReadOnlyDictionary<string, bool> email,
            CancellationToken cancellationToken = default) => Task.FromResult(new ApiResult<NotificationPreferences>(Preferences, null, 200));
    }

    /// <summary>Answers every request with one response (or, given no status, fails as an unreachable service does) and records what was asked.</summary>
    private sealed class RecordingHandler(HttpStatusCode? status, string body) : HttpMessageHandler
    {
        public List<(HttpMethod Method, string Path, string? Auth, string? Body, string PathAndQuery)> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var sent = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
            Requests.Add((request.Method, request.RequestUri!.AbsolutePath, request.Headers.Authorization?.ToString(), sent, request.RequestUri.PathAndQuery));
            if (status is null) throw new HttpRequestException("Connection refused");
            return new HttpResponseMessage(status.Value) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        }
    }
}
