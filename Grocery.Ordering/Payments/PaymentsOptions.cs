namespace Grocery.Ordering.Payments;

/// <summary>Bound from the "Payments" section.</summary>
public sealed class PaymentsOptions
{
    public const string Section = "Payments";

    /// <summary>
    /// Card authorisations lapse after about 7 days, so a slot further away than this (at checkout) saves
    /// the card instead and authorises it off-session <see cref="OffSessionLead"/> before the slot.
    /// </summary>
    public int AuthoriseAheadDays { get; set; } = 5;

    public TimeSpan OffSessionLead { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Decided from the checkout's time, so every call for the order takes the same path.</summary>
    public bool SavesCardFirst(Order order) => order.SlotWindowStart - order.PlacedAt > TimeSpan.FromDays(AuthoriseAheadDays);

    public DateTimeOffset AuthoriseAt(Order order) => order.SlotWindowStart - OffSessionLead;
}
