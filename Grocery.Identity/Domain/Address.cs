namespace Grocery.Identity.Domain;

/// <summary>
/// A delivery address. The street line identifies a home, so it is held encrypted; ward, district
/// and city stay readable because delivery zones are chosen by them.
/// </summary>
public sealed class Address
{
    public const int MaxPerUser = 20;

    private Address() { }

    public Guid Id { get; private set; }
    public Guid UserId { get; private set; }
    public string Label { get; private set; } = "";
    public string ProtectedStreet { get; private set; } = "";
    public string? Ward { get; private set; }
    public string District { get; private set; } = "";
    public string City { get; private set; } = "";
    public string? PostalCode { get; private set; }
    public bool IsDefault { get; private set; }
    public string? IdempotencyKey { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    public static Address Create(Guid userId, AddressDetails details, string protectedStreet, string? idempotencyKey, DateTimeOffset now)
    {
        var address = new Address
        {
            Id = Guid.CreateVersion7(now),
            UserId = userId,
            IdempotencyKey = idempotencyKey,
            CreatedAt = now,
        };
        address.Update(details, protectedStreet);
        return address;
    }

    public void Update(AddressDetails details, string protectedStreet)
    {
        Label = details.Label;
        ProtectedStreet = protectedStreet;
        Ward = details.Ward;
        District = details.District;
        City = details.City;
        PostalCode = details.PostalCode;
        IsDefault = details.IsDefault;
    }

    public void ClearDefault() => IsDefault = false;
}

/// <summary>The readable parts of an address as a shopper enters them.</summary>
public sealed record AddressDetails(string Label, string? Ward, string District, string City, string? PostalCode, bool IsDefault);
