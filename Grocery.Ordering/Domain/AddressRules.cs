namespace Grocery.Ordering.Domain;

/// <summary>A postcode or district as Delivery can match it and an order can store it.</summary>
public static class AddressRules
{
    public static Dictionary<string, string[]> Validate(string? postcode, string? district)
    {
        var errors = new Dictionary<string, string[]>();
        if (StoredText.Check(postcode?.Trim(), OrderingLimits.PostcodeMaxLength) is { } postcodeProblem) errors["postcode"] = [postcodeProblem];
        if (StoredText.Check(district?.Trim(), OrderingLimits.DistrictMaxLength) is { } districtProblem) errors["district"] = [districtProblem];
        return errors;
    }
}
