namespace Grocery.Delivery.Slots;

public enum HoldOutcome
{
    Held,
    Existing,
    NotFound,
    Full,
    Closed,
    PastCutoff,
}
