namespace Grocery.Notifications.Notifying;

/// <summary>Bound from the "Notifications" section.</summary>
public sealed class NotificationsOptions
{
    public const string SectionName = "Notifications";

    /// <summary>The storefront's public address; links in messages open the order there.</summary>
    public string StorefrontUrl { get; set; } = "http://localhost:5000";

    /// <summary>Slot times are written in the store's time zone, whatever zone the server runs in.</summary>
    public string TimeZone { get; set; } = "Asia/Ho_Chi_Minh";

    /// <summary>How long the in-app list keeps a notification and the order map keeps an order.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(180);

    public TimeSpan RetentionSweepInterval { get; set; } = TimeSpan.FromHours(6);

    public bool BackgroundJobsEnabled { get; set; } = true;
}
