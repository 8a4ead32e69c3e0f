namespace Grocery.Delivery.Slots;

/// <summary>What a staff override did; <see cref="Taken"/> is set when a capacity below the places taken was refused.</summary>
public sealed record SlotOverrideOutcome(bool Found, bool Applied, int Taken = 0)
{
    public static readonly SlotOverrideOutcome NotFound = new(false, false);
}
