using Grocery.Ordering.Apis;

namespace Grocery.Ordering.Basket;

/// <summary>What a basket line may hold, checked on every write and again at checkout (for lines stored before a rule existed).</summary>
public static class BasketRules
{
    /// <summary>Problems with the request's own fields, keyed by JSON field; the product's quantity rules come after the product is known.</summary>
    public static Dictionary<string, string[]> Validate(UpdateBasketLineRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.Quantity <= 0 || request.Quantity > Math.Max(QuantityRules.MaxUnits, QuantityRules.MaxWeightKg))
            errors["quantity"] = [$"Quantity must be greater than zero and at most {Math.Max(QuantityRules.MaxUnits, QuantityRules.MaxWeightKg)}."];
        if (request.Substitution is { } preference && !Enum.IsDefined(preference))
            errors["substitution"] = [$"Choose one of {string.Join(", ", Enum.GetNames<SubstitutionPreference>())}."];
        if (SubstituteSkuProblem(request.SubstituteSku) is { } skuProblem)
            errors["substituteSku"] = [skuProblem];
        else if (errors.Count == 0 && SubstitutionProblem(request.Substitution ?? SubstitutionPreference.AnySimilar, request.SubstituteSku) is { } problem)
            errors["substituteSku"] = [problem];
        if (StoredText.Check(request.Note, OrderingLimits.NoteMaxLength, multiline: true) is { } noteProblem)
            errors["note"] = [noteProblem];
        return errors;
    }

    /// <summary>Why a stored line cannot be ordered as it is, or null.</summary>
    public static string? Problem(BasketLine line, bool soldByWeight) =>
        QuantityRules.Validate(line.Quantity, soldByWeight)
        ?? (Enum.IsDefined(line.Substitution) ? null : "Its substitution preference is unknown.")
        ?? SubstituteSkuProblem(line.SubstituteSku)
        ?? SubstitutionProblem(line.Substitution, line.SubstituteSku)
        ?? StoredText.Check(line.Note, OrderingLimits.NoteMaxLength, multiline: true);

    /// <summary>Whole units carry no decimals and weights one, so a stored quantity never carries a scale like 2.000000.</summary>
    public static decimal Normalize(decimal quantity, bool soldByWeight) => decimal.Round(quantity, soldByWeight ? 1 : 0);

    private static string? SubstituteSkuProblem(string? sku) =>
        StoredText.Check(sku, OrderingLimits.SkuMaxLength)
        ?? (sku is not null && sku.Trim().Any(char.IsWhiteSpace) ? "A SKU has no spaces." : null);

    private static string? SubstitutionProblem(SubstitutionPreference preference, string? substituteSku) =>
        preference == SubstitutionPreference.NamedSku && string.IsNullOrWhiteSpace(substituteSku)
            ? "Name the SKU to substitute with, or choose another substitution preference."
            : preference != SubstitutionPreference.NamedSku && !string.IsNullOrWhiteSpace(substituteSku)
                ? "A substitute SKU is only allowed with the NamedSku preference."
                : null;
}
