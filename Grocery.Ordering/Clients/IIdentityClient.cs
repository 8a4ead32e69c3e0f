namespace Grocery.Ordering.Clients;

public interface IIdentityClient
{
    /// <summary>One of the calling shopper's saved addresses, or null when it is unknown or someone else's.</summary>
    Task<SavedAddress?> GetMyAddressAsync(Guid addressId, CancellationToken cancellationToken);

    /// <summary>The calling shopper's profile; null when the account no longer exists.</summary>
    Task<ShopperProfile?> GetMyProfileAsync(CancellationToken cancellationToken);
}

/// <summary>The part of Identity's saved address that Ordering delivers to.</summary>
public sealed record SavedAddress(Guid Id, string Street, string? Ward, string District, string City, string? PostalCode)
{
    /// <summary>Personal data stays out of logs and exception messages even when the whole record is formatted.</summary>
    public override string ToString() => "SavedAddress { redacted }";
}

/// <summary>The part of Identity's profile that names the recipient of an order.</summary>
public sealed record ShopperProfile(string? Name, string? Phone)
{
    /// <summary>Personal data stays out of logs and exception messages even when the whole record is formatted.</summary>
    public override string ToString() => "ShopperProfile { redacted }";
}
