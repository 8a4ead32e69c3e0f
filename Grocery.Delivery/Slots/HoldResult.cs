namespace Grocery.Delivery.Slots;

public sealed record HoldResult(HoldOutcome Outcome, Guid? HoldId, DateTimeOffset? ExpiresAt, Guid? ReleasedSlotId);
