namespace Grocery.Ordering.Domain;

public enum PickingRefusal
{
    /// <summary>The request names something wrong (a GTIN, a weight): 400 naming <see cref="PickingRefusedException.Field"/>.</summary>
    Invalid,
    /// <summary>The order or line is not in a state that allows it: 409.</summary>
    Conflict,
    /// <summary>No such order or line: 404.</summary>
    NotFound,
    /// <summary>The order belongs to a warehouse the caller is not assigned to: 403.</summary>
    Forbidden,
}

/// <summary>A picking or packing step the order refuses; nothing of it was applied.</summary>
public sealed class PickingRefusedException(PickingRefusal kind, string? field, string title, string message) : Exception(message)
{
    public PickingRefusal Kind { get; } = kind;

    /// <summary>The request's JSON property (camelCase) at fault, for <see cref="PickingRefusal.Invalid"/>.</summary>
    public string? Field { get; } = field;

    public string Title { get; } = title;

    public static PickingRefusedException Invalid(string field, string message) => new(PickingRefusal.Invalid, field, "The request is not valid", message);

    public static PickingRefusedException Conflict(string title, string message) => new(PickingRefusal.Conflict, null, title, message);
}
