namespace Grocery.Delivery.Slots;

public enum ExtendOutcome
{
    Extended,
    NotFound,
    NoLongerActive,
    SlotClosed,
    PastCutoff,
}
