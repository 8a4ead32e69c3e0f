namespace Grocery.Notifications.Domain;

/// <summary>Column limits of the notifications database, used by the EF model and the API.</summary>
public static class NotificationsLimits
{
    public const int LanguageLength = 8;
    public const int TitleLength = 200;
    public const int BodyLength = 4000;
    public const int LinkLength = 500;
    public const int MessageIdLength = 100;
    public const int CarrierLength = 50;
    public const int TrackingNumberLength = 100;
    public const int MailErrorLength = 1000;
    public const int MaxPageSize = 100;
    public const int DefaultPageSize = 20;
}
