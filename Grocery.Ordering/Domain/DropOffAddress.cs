using System.Text.RegularExpressions;

namespace Grocery.Ordering.Domain;

/// <summary>
/// Where and to whom an order is handed over, as the shopper gave it at checkout. Personal data:
/// stored only encrypted (<see cref="OrderAddress"/>), never logged, never put in an event.
/// </summary>
public sealed partial record DropOffAddress(
    string RecipientName, string Phone, string Address, string District, string? Postcode, double? Latitude, double? Longitude)
{
    /// <summary>Problems keyed by the JSON field under <paramref name="prefix"/>; empty when the address can be stored.</summary>
    public static Dictionary<string, string[]> Validate(
        string prefix, string? recipientName, string? phone, string? address, string? district, string? postcode, double? latitude, double? longitude)
    {
        var errors = new Dictionary<string, string[]>();
        Require(errors, $"{prefix}.recipientName", recipientName, OrderingLimits.RecipientNameMaxLength);
        Require(errors, $"{prefix}.street", address, OrderingLimits.StreetMaxLength);
        Require(errors, $"{prefix}.district", district, OrderingLimits.DistrictMaxLength);
        Require(errors, $"{prefix}.postcode", postcode, OrderingLimits.PostcodeMaxLength);
        if (string.IsNullOrWhiteSpace(phone)) errors[$"{prefix}.phone"] = ["This field is required."];
        else if (!IsE164(phone.Trim())) errors[$"{prefix}.phone"] = ["Give the phone number in international form, for example +84901234567."];
        if (latitude is null != longitude is null)
            errors[$"{prefix}.{(latitude is null ? "latitude" : "longitude")}"] = ["Give both latitude and longitude, or neither."];
        if (latitude is { } lat && (double.IsNaN(lat) || lat is < -90 or > 90)) errors[$"{prefix}.latitude"] = ["Between -90 and 90."];
        if (longitude is { } lon && (double.IsNaN(lon) || lon is < -180 or > 180)) errors[$"{prefix}.longitude"] = ["Between -180 and 180."];
        return errors;
    }

    public static bool IsE164(string value) => E164().IsMatch(value);

    /// <summary>Personal data stays out of logs and exception messages even when the whole record is formatted.</summary>
    public override string ToString() => "DropOffAddress { redacted }";

    private static void Require(Dictionary<string, string[]> errors, string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value)) errors[field] = ["This field is required."];
        else if (StoredText.Check(value.Trim(), maxLength) is { } problem) errors[field] = [problem];
    }

    [GeneratedRegex(@"^\+[1-9][0-9]{6,14}\z", RegexOptions.CultureInvariant)]
    private static partial Regex E164();
}
