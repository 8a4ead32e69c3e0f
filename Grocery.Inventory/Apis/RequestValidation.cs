using Grocery.Inventory.Domain;

namespace Grocery.Inventory.Apis;

/// <summary>
/// Collects field errors under their camelCase JSON paths, e.g. <c>lines[2].quantity</c>. Every rule
/// is bounded by <see cref="InventoryLimits"/>, so what passes fits the columns it is stored in.
/// </summary>
internal sealed class RequestValidation
{
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
        else if (sku.Length > InventoryLimits.SkuLength) Add(field, $"A SKU has at most {InventoryLimits.SkuLength} characters.");
        else if (sku.Trim() != sku) Add(field, "A SKU has no leading or trailing spaces.");
        else if (CharacterProblem(sku, multiline: false) is { } problem) Add(field, problem);
    }

    /// <summary>Units or kg with at most 3 decimals (grams), as stored.</summary>
    public void Quantity(decimal quantity, string field, bool allowNegative = false)
    {
        if (quantity == 0 || (!allowNegative && quantity < 0)) Add(field, allowNegative ? "The quantity must not be zero." : "The quantity must be greater than zero.");
        else if (Math.Abs(quantity) > InventoryLimits.MaxLineQuantity) Add(field, $"The quantity must be at most {InventoryLimits.MaxLineQuantity}.");
        else if (!HasStoredScale(quantity)) Add(field, $"The quantity has at most {InventoryLimits.QuantityScale} decimals.");
    }

    public void Threshold(decimal? threshold, string field)
    {
        if (threshold is not { } value) return;
        if (value < 0) Add(field, "The threshold must not be negative.");
        else if (value > InventoryLimits.MaxStoredQuantity) Add(field, $"The threshold must be at most {InventoryLimits.MaxStoredQuantity}.");
        else if (!HasStoredScale(value)) Add(field, $"The threshold has at most {InventoryLimits.QuantityScale} decimals.");
    }

    /// <summary>Checks the list and hands each present line to <paramref name="line"/> with its path (<c>lines[i]</c>).</summary>
    public void Lines<T>(IReadOnlyList<T?>? lines, Action<T, string> line) where T : class
    {
        if (lines is null || lines.Count == 0) Add("lines", "At least one line is required.");
        else if (lines.Count > InventoryLimits.MaxLines) Add("lines", $"At most {InventoryLimits.MaxLines} lines.");
        else
            for (var i = 0; i < lines.Count; i++)
            {
                if (lines[i] is { } present) line(present, $"lines[{i}]");
                else Add($"lines[{i}]", "A line is required (null given).");
            }
    }

    /// <summary>Free text; <paramref name="multiline"/> allows line breaks and tabs (reasons), never other control characters.</summary>
    public void Text(string? value, string field, int max, bool required = false, bool multiline = false)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required) Add(field, "This field is required.");
        }
        else if (value.Length > max) Add(field, $"At most {max} characters.");
        else if (CharacterProblem(value, multiline) is { } problem) Add(field, problem);
    }

    /// <summary>The expiry of a confirmed hold is derived from the slot end, so both must be real, near dates.</summary>
    public void SlotWindowEnd(DateTimeOffset value, DateTimeOffset now, string field)
    {
        if (value == default) Add(field, "The slot window end is required.");
        else if (value < now - InventoryLimits.MaxSlotWindowDistance || value > now + InventoryLimits.MaxSlotWindowDistance)
            Add(field, $"The slot window end must be within {InventoryLimits.MaxSlotWindowDistance.TotalDays} days of now.");
    }

    public IDictionary<string, string[]> Errors => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray());

    private static bool HasStoredScale(decimal value) => decimal.Round(value, InventoryLimits.QuantityScale) == value;

    /// <summary>
    /// PostgreSQL text cannot hold U+0000 and UTF-8 cannot carry a lone surrogate; other control
    /// characters would be stored but break every page and export that shows them.
    /// </summary>
    private static string? CharacterProblem(string value, bool multiline)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1])) i++;
            else if (char.IsSurrogate(c)) return "The text contains an unpaired surrogate (not valid Unicode).";
            else if (char.IsControl(c) && !(multiline && c is '\n' or '\r' or '\t'))
                return $"The text must not contain control characters (found U+{(int)c:X4}).";
        }
        return null;
    }
}
