namespace Grocery.Ordering.Domain;

/// <summary>
/// The order and the state of its saga. Every change of <see cref="Status"/> goes through
/// <see cref="TransitionTo"/>, which refuses transitions the table does not allow and records the time.
/// </summary>
public sealed partial class Order
{
    private static readonly Dictionary<OrderStatus, OrderStatus[]> AllowedTransitions = new()
    {
        [OrderStatus.Placed] = [OrderStatus.AwaitingPayment, OrderStatus.Cancelled],
        [OrderStatus.AwaitingPayment] = [OrderStatus.Confirmed, OrderStatus.Cancelled],
        [OrderStatus.Confirmed] = [OrderStatus.Picking, OrderStatus.Cancelled],
        [OrderStatus.Picking] = [OrderStatus.Packed],
        [OrderStatus.Packed] = [OrderStatus.ReadyForDispatch, OrderStatus.Cancelled],
        [OrderStatus.ReadyForDispatch] = [OrderStatus.OutForDelivery, OrderStatus.Delivered, OrderStatus.DeliveryFailed],
        [OrderStatus.OutForDelivery] = [OrderStatus.Delivered, OrderStatus.DeliveryFailed],
        [OrderStatus.Delivered] = [],
        [OrderStatus.DeliveryFailed] = [],
        [OrderStatus.Cancelled] = [],
    };

    private Order()
    {
    }

    public Guid Id { get; private set; }

    public string UserId { get; private set; } = "";

    public string IdempotencyKey { get; private set; } = "";

    /// <summary>Hash of the checkout request; the same key with another body is refused.</summary>
    public string RequestHash { get; private set; } = "";

    public DateTimeOffset PlacedAt { get; private set; }

    public Guid WarehouseId { get; private set; }

    public Guid ZoneId { get; private set; }

    public Guid SlotId { get; private set; }

    public Guid SlotHoldId { get; private set; }

    public DateTimeOffset SlotWindowStart { get; private set; }

    public DateTimeOffset SlotWindowEnd { get; private set; }

    public DateTimeOffset SlotHoldExpiresAt { get; private set; }

    public string? Postcode { get; private set; }

    public string? District { get; private set; }

    public PaymentMethod PaymentMethod { get; private set; }

    public List<OrderItem> Items { get; private set; } = [];

    public List<VatAmount> Vat { get; private set; } = [];

    public decimal Subtotal { get; private set; }

    public decimal DeliveryFee { get; private set; }

    public decimal EstimatedTotal { get; private set; }

    public OrderStatus Status { get; private set; }

    public StepStatus Stock { get; private set; }

    public StepStatus Slot { get; private set; }

    public StepStatus Payment { get; private set; }

    public string? PaymentReference { get; private set; }

    /// <summary>When the saga must have finished; past it the order is cancelled for timeout.</summary>
    public DateTimeOffset? Deadline { get; private set; }

    public OrderCancellationReason? CancellationReason { get; private set; }

    public string? CancellationMessage { get; private set; }

    public List<OrderStatusChange> History { get; private set; } = [];

    public bool IsInProgress => Status is OrderStatus.Placed or OrderStatus.AwaitingPayment;

    public bool CanBeCancelledByShopper => AllowedTransitions[Status].Contains(OrderStatus.Cancelled);

    public static Order Place(OrderDraft draft, DateTimeOffset now, TimeSpan sagaTimeout)
    {
        if (draft.Lines.Count == 0) throw new ArgumentException("An order needs at least one line.", nameof(draft));
        var summary = PriceSummary.For(draft.Lines, draft.DeliveryFee, draft.MinimumBasketValue);
        if (!summary.MeetsMinimum) throw new ArgumentException("The basket is below the zone's minimum.", nameof(draft));
        var order = new Order
        {
            Id = draft.OrderId,
            UserId = draft.UserId,
            IdempotencyKey = draft.IdempotencyKey,
            RequestHash = draft.RequestHash,
            PlacedAt = now,
            WarehouseId = draft.WarehouseId,
            ZoneId = draft.ZoneId,
            SlotId = draft.SlotId,
            SlotHoldId = draft.SlotHoldId,
            SlotWindowStart = draft.SlotWindowStart,
            SlotWindowEnd = draft.SlotWindowEnd,
            SlotHoldExpiresAt = draft.SlotHoldExpiresAt,
            Postcode = draft.Postcode,
            District = draft.District,
            PaymentMethod = draft.PaymentMethod,
            Items = draft.Lines.Select(l => new OrderItem
            {
                ProductId = l.ProductId, Sku = l.Sku, Name = l.Name, Quantity = l.Quantity, SoldByWeight = l.SoldByWeight,
                UnitPrice = l.UnitPrice, VatRate = l.VatRate, LineTotal = l.LineTotal,
                Substitution = l.Substitution, SubstituteSku = l.SubstituteSku, Note = l.Note,
            }).ToList(),
            Vat = summary.Vat.ToList(),
            Subtotal = summary.Subtotal,
            DeliveryFee = summary.DeliveryFee,
            EstimatedTotal = summary.Total,
            Status = OrderStatus.Placed,
            Deadline = Earliest(now + sagaTimeout, draft.SlotHoldExpiresAt - HoldSafetyMargin),
        };
        order.History.Add(new OrderStatusChange { Status = OrderStatus.Placed, At = now });
        return order;
    }

    /// <summary>The saga must give up before a hold it relies on lapses, so it never confirms on an expired hold.</summary>
    public static readonly TimeSpan HoldSafetyMargin = TimeSpan.FromSeconds(30);

    /// <summary>Returns false when the reply is a duplicate or arrives after the order was cancelled.</summary>
    public bool RecordStockReserved(DateTimeOffset reservationExpiresAt, DateTimeOffset now)
    {
        if (CompensateLateReply(Stock, s => Stock = s)) return false;
        if (Status == OrderStatus.Cancelled || Stock != StepStatus.Pending) return false;
        EnsureStatus(OrderStatus.Placed, OrderStatus.AwaitingPayment);
        Stock = StepStatus.Succeeded;
        Deadline = Earliest(Deadline, reservationExpiresAt - HoldSafetyMargin);
        if (Slot == StepStatus.Succeeded) TransitionTo(OrderStatus.AwaitingPayment, now, "Stock reserved and slot confirmed");
        return true;
    }

    public bool RecordStockUnavailable(string? detail, DateTimeOffset now)
    {
        if (Status == OrderStatus.Cancelled || Stock != StepStatus.Pending) return false;
        Stock = StepStatus.Failed;
        Cancel(OrderCancellationReason.StockUnavailable, detail, now);
        return true;
    }

    public bool RecordSlotConfirmed(DateTimeOffset now)
    {
        if (CompensateLateReply(Slot, s => Slot = s)) return false;
        if (Status == OrderStatus.Cancelled || Slot != StepStatus.Pending) return false;
        EnsureStatus(OrderStatus.Placed, OrderStatus.AwaitingPayment);
        Slot = StepStatus.Succeeded;
        if (Stock == StepStatus.Succeeded) TransitionTo(OrderStatus.AwaitingPayment, now, "Stock reserved and slot confirmed");
        return true;
    }

    /// <summary>
    /// Also accepted after the slot was confirmed, as long as the order is not: a store manager may
    /// close the slot while the saga still waits for stock or payment. A confirmed order keeps its booking.
    /// </summary>
    public bool RecordSlotUnavailable(string? detail, DateTimeOffset now)
    {
        if (Status is not (OrderStatus.Placed or OrderStatus.AwaitingPayment)) return false;
        if (Slot is not (StepStatus.Pending or StepStatus.Succeeded)) return false;
        Slot = StepStatus.Failed;
        Cancel(OrderCancellationReason.SlotUnavailable, detail, now);
        return true;
    }

    /// <summary>
    /// A success that arrives after the order was cancelled (replies travel on different topics) is
    /// compensated like the others: the peer already has, or will get, OrderCancelled after OrderPlaced and releases it.
    /// </summary>
    private bool CompensateLateReply(StepStatus step, Action<StepStatus> set)
    {
        if (Status != OrderStatus.Cancelled || step != StepStatus.Pending) return false;
        set(StepStatus.Compensated);
        return true;
    }

    public bool IsReadyForPayment => Status == OrderStatus.AwaitingPayment && Payment == StepStatus.Pending;

    public void RecordPaymentAuthorized(string? reference, DateTimeOffset now)
    {
        EnsureStatus(OrderStatus.AwaitingPayment);
        if (Payment != StepStatus.Pending) throw new InvalidOrderTransitionException(Id, Status, OrderStatus.Confirmed);
        Payment = StepStatus.Succeeded;
        PaymentReference = reference;
        TransitionTo(OrderStatus.Confirmed, now, PaymentMethod == PaymentMethod.CashOnDelivery ? "Pay cash on delivery" : "Payment authorised");
        Deadline = null;
    }

    public void RecordPaymentFailed(string? detail, DateTimeOffset now)
    {
        EnsureStatus(OrderStatus.AwaitingPayment);
        Payment = StepStatus.Failed;
        Cancel(OrderCancellationReason.PaymentFailed, detail, now);
    }

    /// <summary>Cancels the order; compensation of the succeeded steps follows from <see cref="OrderCancellationReason"/> and the step states.</summary>
    public void Cancel(OrderCancellationReason reason, string? detail, DateTimeOffset now)
    {
        // The detail comes from other services (a shortfall per line can be long); the column has a bound.
        var message = CancellationMessages.For(reason, detail);
        if (message.Length > OrderingLimits.CancellationMessageMaxLength)
        {
            var cut = OrderingLimits.CancellationMessageMaxLength - 1;
            if (char.IsHighSurrogate(message[cut - 1])) cut--;
            message = string.Concat(message.AsSpan(0, cut), "…");
        }
        TransitionTo(OrderStatus.Cancelled, now, message);
        CancellationReason = reason;
        CancellationMessage = message;
        Deadline = null;
        if (Stock == StepStatus.Succeeded) Stock = StepStatus.Compensated;
        if (Slot == StepStatus.Succeeded) Slot = StepStatus.Compensated;
    }

    /// <summary>Called after the payment provider voided the authorisation during compensation.</summary>
    public void RecordPaymentCancelled()
    {
        if (Status != OrderStatus.Cancelled || Payment != StepStatus.Succeeded)
            throw new InvalidOperationException($"Order {Id}: only an authorised payment of a cancelled order can be voided.");
        Payment = StepStatus.Compensated;
    }

    /// <summary>
    /// A payment started but not known to us as authorised (the card may have been confirmed in the browser
    /// meanwhile) was voided at the provider for a cancelled order: whatever hold it put on the card is released.
    /// </summary>
    public void RecordStartedPaymentVoided()
    {
        if (Status == OrderStatus.Cancelled && Payment == StepStatus.Pending) Payment = StepStatus.Compensated;
    }

    public void StartPicking(DateTimeOffset now) => TransitionTo(OrderStatus.Picking, now, "Picking started");

    public bool IsPastDeadline(DateTimeOffset now) => IsInProgress && Deadline is { } deadline && deadline <= now;

    private void TransitionTo(OrderStatus next, DateTimeOffset now, string? note)
    {
        if (!AllowedTransitions[Status].Contains(next)) throw new InvalidOrderTransitionException(Id, Status, next);
        Status = next;
        History.Add(new OrderStatusChange { Status = next, At = now, Note = note });
    }

    private void EnsureStatus(params OrderStatus[] expected)
    {
        if (!expected.Contains(Status)) throw new InvalidOrderTransitionException(Id, Status, expected[0]);
    }

    private static DateTimeOffset Earliest(DateTimeOffset? a, DateTimeOffset b) => a is { } x && x < b ? x : b;
}
