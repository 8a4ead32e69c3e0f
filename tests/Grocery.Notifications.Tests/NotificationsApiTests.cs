using Grocery.Notifications.Apis;

namespace Grocery.Notifications.Tests;

/// <summary>The shopper's in-app list and email switches.</summary>
public sealed class NotificationsApiTests(NotificationsInfrastructure infra)
{
    private NotificationsApp App => infra.App;

    [Fact]
    public async Task A_shopper_who_turned_off_delivery_progress_email_gets_no_such_mail_but_sees_every_message_in_the_app()
    {
        var journey = new OrderJourney(infra.NewShopper("en"));
        using var shopper = App.ClientFor(journey.Shopper.UserId);
        var switched = await shopper.PutAsJsonAsync("/api/v1/me/notifications/preferences",
            new { email = new Dictionary<string, bool> { ["outForDelivery"] = false, ["delivered"] = false } });
        Assert.Equal(HttpStatusCode.OK, switched.StatusCode);
        var preferences = (await switched.Content.ReadFromJsonAsync<NotificationPreferencesResponse>())!;
        Assert.False(preferences.Email["outForDelivery"]);
        Assert.True(preferences.Email["orderConfirmed"]);
        Assert.All(preferences.InApp.Values, Assert.True);

        await journey.RunAsync(App);

        var page = (await shopper.GetFromJsonAsync<NotificationPage>("/api/v1/me/notifications"))!;
        Assert.Equal(["delivered", "outForDelivery", "itemsChanged", "orderConfirmed"], page.Items.Select(n => n.Kind));
        Assert.Equal((4, 4), (page.Total, page.Unread));
        Assert.Contains("To pay in cash: 192,000 ₫", page.Items[1].Body);
        var mails = await infra.MailsEventuallyAsync(journey.Shopper.Email, 2, "the mails still switched on arrived");
        Assert.Equal(Mails.Sorted("orderConfirmed", "itemsChanged"), mails.Kinds());
    }

    [Fact]
    public async Task Another_shopper_cannot_read_or_mark_your_notifications()
    {
        var journey = new OrderJourney(infra.NewShopper("vi"));
        await App.PublishAsync(journey.Placed(), journey.Confirmed());
        using var owner = App.ClientFor(journey.Shopper.UserId);
        var mine = await Eventually.GetAsync(() => owner.GetFromJsonAsync<NotificationPage>("/api/v1/me/notifications"),
            p => p!.Items.Count == 1, "the confirmation is in the owner's list");
        var id = mine.Items[0].Id;
        using var stranger = App.ClientFor(Guid.NewGuid());

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/me/notifications/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsync($"/api/v1/me/notifications/{id}/read", null)).StatusCode);
        Assert.Empty((await stranger.GetFromJsonAsync<NotificationPage>("/api/v1/me/notifications"))!.Items);
        var still = (await owner.GetFromJsonAsync<NotificationResponse>($"/api/v1/me/notifications/{id}"))!;
        Assert.False(still.Read);
        using var anonymous = App.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/me/notifications")).StatusCode);
    }

    [Fact]
    public async Task Marking_a_notification_read_takes_it_out_of_the_unread_list_and_the_first_reading_time_stays()
    {
        var journey = new OrderJourney(infra.NewShopper("en"));
        await App.PublishAsync(journey.Placed(), journey.Confirmed(), journey.Cancelled(Contracts.OrderCancellationReason.CustomerRequested));
        using var owner = App.ClientFor(journey.Shopper.UserId);
        var page = await Eventually.GetAsync(() => owner.GetFromJsonAsync<NotificationPage>("/api/v1/me/notifications"),
            p => p!.Items.Count == 2, "both notifications are listed");

        var first = await (await owner.PostAsync($"/api/v1/me/notifications/{page.Items[1].Id}/read", null)).Content.ReadFromJsonAsync<NotificationResponse>();
        var again = await (await owner.PostAsync($"/api/v1/me/notifications/{page.Items[1].Id}/read", null)).Content.ReadFromJsonAsync<NotificationResponse>();

        Assert.True(first!.Read);
        Assert.Equal(first.ReadAt, again!.ReadAt);
        var unread = (await owner.GetFromJsonAsync<NotificationPage>("/api/v1/me/notifications?unread=true"))!;
        Assert.Equal((1, 1), (unread.Total, unread.Unread));
        Assert.Equal("orderCancelled", Assert.Single(unread.Items).Kind);
        var paged = (await owner.GetFromJsonAsync<NotificationPage>("/api/v1/me/notifications?page=2&pageSize=1"))!;
        Assert.Equal((2, 1, 2), (paged.Page, paged.Items.Count, paged.Total));
        Assert.Equal(page.Items[1].Id, paged.Items[0].Id);
    }

    [Theory]
    [InlineData("/api/v1/me/notifications?pageSize=0", "pageSize")]
    [InlineData("/api/v1/me/notifications?pageSize=101", "pageSize")]
    [InlineData("/api/v1/me/notifications?page=0", "page")]
    public async Task A_page_out_of_range_is_a_problem_naming_the_parameter(string url, string field)
    {
        using var shopper = App.ClientFor(Guid.NewGuid());

        var response = await shopper.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Mvc.ValidationProblemDetails>())!;
        Assert.Contains(field, problem.Errors.Keys);
    }

    [Fact]
    public async Task An_unknown_kind_in_the_preferences_is_a_problem_naming_it_and_changes_nothing()
    {
        var userId = Guid.NewGuid();
        using var shopper = App.ClientFor(userId);

        var response = await shopper.PutAsJsonAsync("/api/v1/me/notifications/preferences",
            new { email = new Dictionary<string, bool> { ["delivered"] = false, ["newsletter"] = false } });
        var missing = await shopper.PutAsJsonAsync("/api/v1/me/notifications/preferences", new { });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Mvc.ValidationProblemDetails>())!;
        Assert.Equal(["email.newsletter"], problem.Errors.Keys);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        var preferences = (await shopper.GetFromJsonAsync<NotificationPreferencesResponse>("/api/v1/me/notifications/preferences"))!;
        Assert.All(preferences.Email.Values, Assert.True);
    }
}
