namespace Grocery.Ordering.Clients;

/// <summary>The hold, extended; or why it could not be (expired, released, slot closed, past cut-off).</summary>
public sealed record SlotHoldExtension(SlotHold? Hold, string? Problem)
{
    public bool Succeeded => Hold is not null;
}
