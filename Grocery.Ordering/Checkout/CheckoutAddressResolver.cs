using Grocery.Ordering.Apis;
using Grocery.Ordering.Clients;

namespace Grocery.Ordering.Checkout;

/// <summary>
/// Turns the checkout's address choice into the <see cref="DropOffAddress"/> the order is delivered to:
/// a saved address is read from Identity as the shopper (so it must be theirs), a new one is validated here.
/// </summary>
public sealed class CheckoutAddressResolver(IIdentityClient identity)
{
    /// <summary>Checks what can be checked without Identity: exactly one choice, and a new address's fields.</summary>
    public static CheckoutResult.Invalid? Validate(CheckoutRequest request)
    {
        if (request.AddressId is not null && request.Address is not null)
            return new("address", "Give either addressId (a saved address) or address (a new one), not both.");
        if (request.AddressId is null && request.Address is null)
            return new("addressId", "Choose a saved address (addressId) or give a new one (address).");
        if (request.AddressId == Guid.Empty) return new("addressId", "Choose a saved address.");
        if (request.Address is { } a
            && DropOffAddress.Validate("address", a.RecipientName, a.Phone, a.Street, a.District, a.Postcode, a.Latitude, a.Longitude).FirstOrDefault() is { Key: not null } problem)
            return new(problem.Key, problem.Value[0]);
        return null;
    }

    public async Task<(DropOffAddress? Address, CheckoutResult.Invalid? Problem)> ResolveAsync(CheckoutRequest request, CancellationToken cancellationToken)
    {
        var address = request.Address is { } given ? FromRequest(given) : null;
        if (request.AddressId is { } addressId)
        {
            var saved = await identity.GetMyAddressAsync(addressId, cancellationToken);
            if (saved is null) return (null, new("addressId", "You have no saved address with this id."));
            var profile = await identity.GetMyProfileAsync(cancellationToken);
            if (string.IsNullOrWhiteSpace(profile?.Name) || string.IsNullOrWhiteSpace(profile.Phone) || !DropOffAddress.IsE164(profile.Phone.Trim()))
                return (null, new("addressId", "Add your name and phone number to your profile so the driver can reach you, or give the address with a recipient here."));
            // Identity's limits are within Ordering's (OrderingLimits), so a saved address always fits.
            address = FromSaved(saved, profile);
        }
        // The zone is located from the address; a postcode or district sent beside it must be the same place.
        if (Differs(request.Postcode, address!.Postcode))
            return (null, new("postcode", "This postcode differs from the delivery address's; leave it out or give the address's postcode."));
        if (Differs(request.District, address.District))
            return (null, new("district", "This district differs from the delivery address's; leave it out or give the address's district."));
        return (address, null);
    }

    private static DropOffAddress FromRequest(CheckoutAddressRequest a) => new(
        a.RecipientName!.Trim(), a.Phone!.Trim(), a.Street!.Trim(), a.District!.Trim(), a.Postcode!.Trim(), a.Latitude, a.Longitude);

    private static DropOffAddress FromSaved(SavedAddress saved, ShopperProfile profile)
    {
        var line = string.Join(", ", new[] { saved.Street, saved.Ward, saved.City }.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p!.Trim()));
        return new(profile.Name!.Trim(), profile.Phone!.Trim(), line, saved.District.Trim(),
            string.IsNullOrWhiteSpace(saved.PostalCode) ? null : saved.PostalCode.Trim(), null, null);
    }

    private static bool Differs(string? given, string? addressValue) =>
        !string.IsNullOrWhiteSpace(given)
        && !string.Equals(given.Trim(), addressValue?.Trim(), StringComparison.OrdinalIgnoreCase);
}
