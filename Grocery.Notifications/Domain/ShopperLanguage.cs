namespace Grocery.Notifications.Domain;

/// <summary>The languages the templates speak; Identity's profile keeps the shopper's choice.</summary>
public static class ShopperLanguage
{
    public const string Vietnamese = "vi";
    public const string English = "en";
    public const string Default = Vietnamese;

    /// <summary>Anything Identity sends that the templates do not speak falls back to Vietnamese.</summary>
    public static string Normalize(string? language) =>
        string.Equals(language, English, StringComparison.OrdinalIgnoreCase) ? English : Vietnamese;
}
