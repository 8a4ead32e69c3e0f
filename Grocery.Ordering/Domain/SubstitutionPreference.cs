namespace Grocery.Ordering.Domain;

/// <summary>What the picker may do when a line cannot be picked as ordered.</summary>
public enum SubstitutionPreference
{
    None,
    AnySimilar,
    NamedSku,
}
