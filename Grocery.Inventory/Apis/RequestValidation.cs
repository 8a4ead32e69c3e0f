namespace Grocery.Inventory.Apis;

/// <summary>Collects field errors under their camelCase JSON paths, e.g. <c>lines[2].quantity</c>.</summary>
internal sealed class RequestValidation
{
    public const int MaxLines = 200;
    public const int MaxSkuLength = 64;
    public const decimal MaxQuantity = 1_000_000m;

    private readonly Dictionary<string, List<string>> _errors = [];

    public bool IsValid => _errors.Count == 0;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
        list.Add(message);
    }

    public void Require(bool condition, string field, string message)
    {
        if (!condition) Add(field, message);
    }

    public void Sku(string? sku, string field)
    {
        if (string.IsNullOrWhiteSpace(sku)) Add(field, "A SKU is required.");
        else if (sku.Length > MaxSkuLength) Add(field, $"A SKU has at most {MaxSkuLength} characters.");
        else if (sku.Trim() != sku) Add(field, "A SKU has no leading or trailing spaces.");
    }

    /// <summary>Units or kg with at most 3 decimals (grams), as stored.</summary>
    public void Quantity(decimal quantity, string field, bool allowNegative = false)
    {
        if (quantity == 0 || (!allowNegative && quantity < 0)) Add(field, allowNegative ? "The quantity must not be zero." : "The quantity must be greater than zero.");
        else if (Math.Abs(quantity) > MaxQuantity) Add(field, $"The quantity must be at most {MaxQuantity}.");
        else if (decimal.Round(quantity, 3) != quantity) Add(field, "The quantity has at most 3 decimals.");
    }

    public bool Lines<T>(IReadOnlyList<T>? lines)
    {
        if (lines is null || lines.Count == 0) Add("lines", "At least one line is required.");
        else if (lines.Count > MaxLines) Add("lines", $"At most {MaxLines} lines.");
        else return true;
        return false;
    }

    public void Text(string? value, string field, int max, bool required = false)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required) Add(field, "This field is required.");
        }
        else if (value.Length > max) Add(field, $"At most {max} characters.");
    }

    public IDictionary<string, string[]> Errors => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
}
