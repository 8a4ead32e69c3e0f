namespace Grocery.Web.Services;

/// <summary>An address of the shopper's profile, as Identity's /api/v1/me/addresses answers it.</summary>
public sealed record SavedAddress(Guid Id, string Label, string Street, string? Ward, string District, string City, string? PostalCode, bool IsDefault)
{
    /// <summary>One line for lists and the checkout choice.</summary>
    public string OneLine => string.Join(", ", new[] { Street, Ward, District, City, PostalCode }.Where(p => !string.IsNullOrWhiteSpace(p)));

    /// <summary>What the zone lookup reads: the postcode when the address has one, else the district.</summary>
    public string ZoneKey => string.IsNullOrWhiteSpace(PostalCode) ? District : PostalCode;

    public AddressInput ToInput() => new(Label, Street, Ward, District, City, PostalCode, IsDefault);
}

/// <summary>An address as the shopper types it; the body of Identity's create and update, and checkout's inline "address".</summary>
public sealed record AddressInput(string? Label, string? Street, string? Ward, string? District, string? City, string? PostalCode, bool? IsDefault)
{
    public static readonly AddressInput Blank = new(null, null, null, null, "Hồ Chí Minh", null, null);

    public string ZoneKey => string.IsNullOrWhiteSpace(PostalCode) ? District?.Trim() ?? "" : PostalCode.Trim();

    /// <summary>The same checks Identity makes, so the shopper hears about an empty field before a round trip.</summary>
    public IReadOnlyDictionary<string, string> Problems()
    {
        var problems = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(Street)) problems["street"] = "required";
        if (string.IsNullOrWhiteSpace(District)) problems["district"] = "required";
        if (string.IsNullOrWhiteSpace(City)) problems["city"] = "required";
        return problems;
    }
}
