using System.Net;

namespace Grocery.Web.Services;

/// <summary>What the notifications page and the header need from Notifications; an interface so they render in tests.</summary>
public interface INotifications
{
    Task<NotificationPage> ListAsync(string accessToken, int page, int pageSize, CancellationToken cancellationToken = default);

    /// <summary>How many of the shopper's notifications are unread.</summary>
    Task<int> UnreadCountAsync(string accessToken, CancellationToken cancellationToken = default);

    /// <returns>False when the notification is not the shopper's (or no longer exists).</returns>
    Task<bool> MarkReadAsync(string accessToken, Guid id, CancellationToken cancellationToken = default);

    Task<NotificationPreferences> GetPreferencesAsync(string accessToken, CancellationToken cancellationToken = default);

    Task<ApiResult<NotificationPreferences>> SetEmailPreferencesAsync(string accessToken, IReadOnlyDictionary<string, bool> email,
        CancellationToken cancellationToken = default);
}

/// <summary>Notifications through the gateway, which routes <c>/api/v1/me/notifications</c> to the Notifications service.</summary>
public sealed class NotificationsClient(HttpClient http) : INotifications
{
    public const int PageSize = 20;
    private const string Base = "/api/v1/me/notifications";

    public async Task<NotificationPage> ListAsync(string accessToken, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        using var request = ApiJson.Request(HttpMethod.Get, $"{Base}?page={page}&pageSize={pageSize}", accessToken);
        using var response = await http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<NotificationPage>(ApiJson.Options, cancellationToken)
            ?? new NotificationPage([], page, pageSize, 0, 0);
    }

    /// <summary>The smallest page the service serves: the count of unread comes with any page.</summary>
    public async Task<int> UnreadCountAsync(string accessToken, CancellationToken cancellationToken = default) =>
        (await ListAsync(accessToken, 1, 1, cancellationToken)).Unread;

    public async Task<bool> MarkReadAsync(string accessToken, Guid id, CancellationToken cancellationToken = default)
    {
        using var request = ApiJson.Request(HttpMethod.Post, $"{Base}/{id}/read", accessToken);
        using var response = await http.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound) return false;
        response.EnsureSuccessStatusCode();
        return true;
    }

    public async Task<NotificationPreferences> GetPreferencesAsync(string accessToken, CancellationToken cancellationToken = default)
    {
        using var request = ApiJson.Request(HttpMethod.Get, $"{Base}/preferences", accessToken);
        using var response = await http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<NotificationPreferences>(ApiJson.Options, cancellationToken)
            ?? new NotificationPreferences(new Dictionary<string, bool>(), new Dictionary<string, bool>());
    }

    public async Task<ApiResult<NotificationPreferences>> SetEmailPreferencesAsync(string accessToken, IReadOnlyDictionary<string, bool> email,
        CancellationToken cancellationToken = default)
    {
        using var request = ApiJson.Request(HttpMethod.Put, $"{Base}/preferences", accessToken, new { email });
        using var response = await http.SendAsync(request, cancellationToken);
        return await ApiResult<NotificationPreferences>.FromAsync(response, cancellationToken);
    }
}
