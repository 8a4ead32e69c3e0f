namespace Grocery.Identity.Domain;

/// <summary>The languages the shop writes to a shopper in (notifications, receipts).</summary>
public static class ShopperLanguage
{
    public const string Vietnamese = "vi";
    public const string English = "en";

    /// <summary>Most shoppers read Vietnamese; English is chosen in the profile.</summary>
    public const string Default = Vietnamese;

    public static readonly IReadOnlyList<string> All = [Vietnamese, English];

    public static bool IsSupported(string? language) => language is not null && All.Contains(language);
}
