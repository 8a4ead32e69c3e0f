using System.Globalization;

namespace Grocery.Ordering.Domain;

/// <summary>
/// Fulfilment: picking (claim, pick by GTIN and weight, short, substitute, remove), packing with the
/// final total, the payment step that makes the order ready for dispatch, and what the carrier reports.
/// Every method is idempotent: a repeated request or a redelivered event returns false and changes nothing.
/// </summary>
public sealed partial class Order
{
    public string? PickerId { get; private set; }

    public DateTimeOffset? PickingStartedAt { get; private set; }

    public int? PackageCount { get; private set; }

    public DateTimeOffset? PackedAt { get; private set; }

    public decimal? FinalSubtotal { get; private set; }

    /// <summary>Final lines plus the delivery fee fixed at checkout.</summary>
    public decimal? FinalTotal { get; private set; }

    public List<VatAmount> FinalVat { get; private set; } = [];

    /// <summary>What the carrier collects at the door (cash on delivery); zero when the card was captured.</summary>
    public decimal? AmountToCollect { get; private set; }

    public decimal? CapturedAmount { get; private set; }

    public string? CaptureReference { get; private set; }

    public DateTimeOffset? ReadyForDispatchAt { get; private set; }

    /// <summary>The shopper's address the carrier drives to, by reference only (set at checkout).</summary>
    public Guid? DropOffAddressId { get; private set; }

    public Guid? ShipmentId { get; private set; }

    public string? Carrier { get; private set; }

    public string? TrackingNumber { get; private set; }

    public DateTimeOffset? BookedAt { get; private set; }

    public DateTimeOffset? DeliveredAt { get; private set; }

    public decimal? CashCollected { get; private set; }

    /// <summary>Refunded or, for cash on delivery, not collected: refused lines and failed deliveries.</summary>
    public decimal RefundedAmount { get; private set; }

    public string? DeliveryFailureReason { get; private set; }

    public OrderItem Line(int lineNo) =>
        lineNo >= 1 && lineNo <= Items.Count
            ? Items[lineNo - 1]
            : throw new PickingRefusedException(PickingRefusal.NotFound, "lineNo", "No such line",
                string.Create(CultureInfo.InvariantCulture, $"The order has lines 1 to {Items.Count}."));

    /// <summary>Picker and store managers see the shelf details Catalog had at checkout.</summary>
    public void RecordShelfDetails(string sku, string? gtin, string? storage, string? aisle, int? categoryId, string? unit, decimal? netContent)
    {
        foreach (var item in Items.Where(i => i.Sku == sku))
        {
            item.Gtin = gtin;
            item.Storage = storage;
            item.Aisle = aisle;
            item.CategoryId = categoryId;
            item.Unit = unit;
            item.NetContent = netContent;
        }
    }

    /// <summary>Confirmed → Picking for one picker; the same picker again is a no-op, another picker is refused.</summary>
    public bool ClaimForPicking(string pickerId, DateTimeOffset now)
    {
        if (Status == OrderStatus.Picking)
        {
            if (PickerId == pickerId) return false;
            throw PickingRefusedException.Conflict("The order is being picked", "Another picker claimed this order.");
        }
        if (Status != OrderStatus.Confirmed)
            throw PickingRefusedException.Conflict("The order cannot be picked", $"The order is {Status}; only a confirmed order can be claimed.");
        TransitionTo(OrderStatus.Picking, now, "Picking started");
        PickerId = pickerId;
        PickingStartedAt = now;
        return true;
    }

    public void EnsurePickedBy(string pickerId, bool mayTakeOver)
    {
        if (Status != OrderStatus.Picking)
            throw PickingRefusedException.Conflict("The order is not being picked", $"The order is {Status}; claim a confirmed order first.");
        if (PickerId != pickerId && !mayTakeOver)
            throw PickingRefusedException.Conflict("The order is being picked", "Another picker claimed this order.");
    }

    /// <summary>
    /// Confirms a line by its GTIN (or SKU when Catalog had none). Weighed lines take the scale's weight,
    /// refused above the ordered weight plus <paramref name="weighedBuffer"/>; lighter is charged less.
    /// </summary>
    public bool RecordPick(int lineNo, string? gtin, decimal? quantity, decimal? weightKg, decimal weighedBuffer)
    {
        var line = Line(lineNo);
        if (line.PickState is LinePickState.Substituted or LinePickState.Removed)
            throw PickingRefusedException.Conflict("The line is resolved", $"Line {lineNo} is {line.PickState.ToString().ToLowerInvariant()}.");
        var scanned = gtin?.Trim();
        var expected = line.Gtin ?? line.Sku;
        if (string.IsNullOrEmpty(scanned) || !(scanned == expected || scanned.Equals(line.Sku, StringComparison.OrdinalIgnoreCase)))
            throw PickingRefusedException.Invalid("gtin", $"This is not the product of line {lineNo} ({line.Name}); scan GTIN {expected}.");
        decimal picked;
        decimal? weight = null;
        if (line.SoldByWeight)
        {
            var (min, max) = WeightRange(line, weighedBuffer);
            if (weightKg is not { } w || w < min || w > max)
                throw PickingRefusedException.Invalid("weightKg", string.Create(CultureInfo.InvariantCulture,
                    $"The weight must be between {min:0.###} and {max:0.###} kg (ordered {line.Quantity:0.###} kg plus {weighedBuffer:0.##%})."));
            picked = w;
            weight = w;
        }
        else
        {
            if (quantity is not { } q || q < 1 || q > line.Quantity || q != decimal.Truncate(q))
                throw PickingRefusedException.Invalid("quantity", string.Create(CultureInfo.InvariantCulture,
                    $"Pick a whole number of items from 1 to {line.Quantity:0}; mark the line short when there are none."));
            picked = q;
        }
        if (line.PickState == LinePickState.Picked && line.PickedQuantity == picked && line.WeightKg == weight) return false;
        line.PickState = LinePickState.Picked;
        line.PickedQuantity = picked;
        line.WeightKg = weight;
        return true;
    }

    public static (decimal Min, decimal Max) WeightRange(OrderItem line, decimal weighedBuffer) =>
        (0.001m, Math.Round(line.Quantity * (1 + weighedBuffer), 3, MidpointRounding.ToZero));

    public bool RecordShort(int lineNo, decimal available, string note)
    {
        var line = Line(lineNo);
        if (line.PickState == LinePickState.Short && line.ShortAvailable == available) return false;
        if (line.PickState is not (LinePickState.Pending or LinePickState.Short or LinePickState.Picked))
            throw PickingRefusedException.Conflict("The line is resolved", $"Line {lineNo} is {line.PickState.ToString().ToLowerInvariant()}.");
        line.PickState = LinePickState.Short;
        line.ShortAvailable = Math.Max(0m, available);
        line.PickedQuantity = null;
        line.WeightKg = null;
        line.PickNote = note;
        return true;
    }

    /// <summary>A write-off took stock reserved for this order: the picker sees these lines first.</summary>
    public bool RecordStockShortfall(IEnumerable<(string Sku, decimal Available)> lines)
    {
        if (Status is OrderStatus.Cancelled || Status >= OrderStatus.Packed) return false;
        var changed = false;
        foreach (var (sku, available) in lines)
            foreach (var line in Items.Where(i => i.Sku == sku && i.PickState == LinePickState.Pending))
            {
                line.PickState = LinePickState.Short;
                line.ShortAvailable = Math.Max(0m, available);
                line.PickNote = "Out of stock in the warehouse";
                changed = true;
            }
        return changed;
    }

    /// <summary>
    /// Replaces a line with a substitute the shopper's preference allows, reserved beforehand. The unit
    /// price charged is the lower of the two: a substitute never costs the shopper more.
    /// </summary>
    public bool RecordSubstitute(int lineNo, string sku, string name, decimal quantity, decimal unitPrice, int vatRate)
    {
        var line = Line(lineNo);
        EnsureSubstituteAllowed(line, lineNo, sku);
        if (line.PickState == LinePickState.Substituted)
        {
            if (line.PickedSubstituteSku == sku && line.PickedSubstituteQuantity == quantity) return false;
            throw PickingRefusedException.Conflict("The line is already substituted", $"Line {lineNo} was substituted with {line.PickedSubstituteSku}.");
        }
        if (line.PickState is not (LinePickState.Pending or LinePickState.Short))
            throw PickingRefusedException.Conflict("The line is resolved", $"Line {lineNo} is {line.PickState.ToString().ToLowerInvariant()}.");
        line.PickState = LinePickState.Substituted;
        line.PickedSubstituteSku = sku;
        line.PickedSubstituteName = name;
        line.PickedSubstituteQuantity = quantity;
        line.PickedSubstituteUnitPrice = Math.Min(unitPrice, line.UnitPrice);
        line.PickedSubstituteVatRate = vatRate;
        line.PickedQuantity = null;
        line.WeightKg = null;
        return true;
    }

    /// <summary>Checks a substitute against the shopper's preference before anything is reserved.</summary>
    public void EnsureSubstituteAllowed(OrderItem line, int lineNo, string sku)
    {
        if (line.Substitution == SubstitutionPreference.None)
            throw PickingRefusedException.Conflict("No substitutes for this line", $"The shopper wants no substitute for line {lineNo}; remove it.");
        if (line.Substitution == SubstitutionPreference.NamedSku && !string.Equals(line.SubstituteSku, sku, StringComparison.OrdinalIgnoreCase))
            throw PickingRefusedException.Invalid("sku", $"The shopper accepts only {line.SubstituteSku} as a substitute for line {lineNo}.");
        if (string.Equals(sku, line.Sku, StringComparison.OrdinalIgnoreCase))
            throw PickingRefusedException.Invalid("sku", "A substitute is another product; pick the line instead.");
    }

    public bool RemoveLine(int lineNo, string note)
    {
        var line = Line(lineNo);
        if (line.PickState == LinePickState.Removed) return false;
        if (line.PickState == LinePickState.Substituted)
            throw PickingRefusedException.Conflict("The line is substituted", $"Line {lineNo} was substituted with {line.PickedSubstituteSku}.");
        line.PickState = LinePickState.Removed;
        line.PickedQuantity = null;
        line.WeightKg = null;
        line.PickNote = note;
        return true;
    }

    /// <summary>
    /// Picking → Packed with the final total: each line at its picked weight or quantity (substitutes at
    /// the lower price, removals at nothing) rounded to whole đồng, VAT per rate on each rate's gross,
    /// plus the delivery fee fixed at checkout. Returns false when already packed.
    /// </summary>
    public bool Pack(int packageCount, DateTimeOffset now)
    {
        if (Status >= OrderStatus.Packed && Status != OrderStatus.Cancelled && PackedAt is not null) return false;
        if (Status != OrderStatus.Picking)
            throw PickingRefusedException.Conflict("The order cannot be packed", $"The order is {Status}; only an order being picked can be packed.");
        var unresolved = Items.Select((item, index) => (item, lineNo: index + 1)).Where(x => !x.item.IsResolved).Select(x => x.lineNo).ToList();
        if (unresolved.Count > 0)
            throw PickingRefusedException.Conflict("Some lines are not picked yet",
                $"Pick, substitute or remove line(s) {string.Join(", ", unresolved)} before packing.");
        foreach (var line in Items)
            line.FinalLineTotal = line.PickState switch
            {
                LinePickState.Picked => Money.LineTotal(line.UnitPrice, line.PickedQuantity!.Value),
                LinePickState.Substituted => Money.LineTotal(line.PickedSubstituteUnitPrice!.Value, line.PickedSubstituteQuantity!.Value),
                _ => 0m,
            };
        FinalSubtotal = Items.Sum(l => l.FinalLineTotal!.Value);
        FinalVat = Items.Where(l => l.FinalLineTotal > 0).GroupBy(l => l.ChargedVatRate).OrderBy(g => g.Key)
            .Select(g => new VatAmount { Rate = g.Key, Gross = g.Sum(l => l.FinalLineTotal!.Value), Vat = Money.IncludedVat(g.Sum(l => l.FinalLineTotal!.Value), g.Key) })
            .ToList();
        FinalTotal = FinalSubtotal + DeliveryFee;
        PackageCount = packageCount;
        PackedAt = now;
        TransitionTo(OrderStatus.Packed, now, string.Create(CultureInfo.InvariantCulture, $"Packed in {packageCount} bag(s)"));
        return true;
    }

    public bool IsAwaitingCapture => Status == OrderStatus.Packed;

    /// <summary>Packed → ReadyForDispatch once the final amount is captured or set to collect at the door.</summary>
    public void RecordReadyForDispatch(decimal captured, decimal toCollect, string? reference, DateTimeOffset now)
    {
        EnsureStatus(OrderStatus.Packed);
        CapturedAmount = captured;
        AmountToCollect = toCollect;
        CaptureReference = reference;
        ReadyForDispatchAt = now;
        TransitionTo(OrderStatus.ReadyForDispatch, now, toCollect > 0
            ? string.Create(CultureInfo.InvariantCulture, $"Ready for dispatch; {toCollect:0} ₫ to collect at the door")
            : "Ready for dispatch; payment captured");
    }

    public bool RecordShipmentBooked(Guid shipmentId, string carrier, string? trackingNumber, DateTimeOffset bookedAt)
    {
        if (Status < OrderStatus.ReadyForDispatch || Status == OrderStatus.Cancelled) return false;
        if (ShipmentId == shipmentId && Carrier == carrier && TrackingNumber == trackingNumber) return false;
        ShipmentId = shipmentId;
        Carrier = carrier;
        TrackingNumber = trackingNumber ?? TrackingNumber;
        BookedAt ??= bookedAt;
        return true;
    }

    /// <summary>Ignored once delivered or failed: carriers' events can arrive late or twice.</summary>
    public bool RecordDispatched(Guid shipmentId, string carrier, DateTimeOffset at)
    {
        if (Status != OrderStatus.ReadyForDispatch) return false;
        ShipmentId ??= shipmentId;
        Carrier ??= carrier;
        TransitionTo(OrderStatus.OutForDelivery, at, $"Out for delivery with {carrier}");
        return true;
    }

    /// <summary>Returns the amount to refund for the refused lines (zero when none); null when the event is ignored.</summary>
    public decimal? RecordDelivered(Guid shipmentId, DateTimeOffset at, decimal? cashCollected, IEnumerable<(string Sku, decimal Quantity, string? Reason)> refused)
    {
        if (Status is not (OrderStatus.ReadyForDispatch or OrderStatus.OutForDelivery)) return null;
        ShipmentId ??= shipmentId;
        DeliveredAt = at;
        CashCollected = cashCollected;
        var refund = 0m;
        foreach (var (sku, quantity, reason) in refused)
        {
            var remaining = quantity;
            foreach (var line in Items.Where(i => i.IsResolved && i.PickState != LinePickState.Removed
                         && string.Equals(i.DeliveredSku, sku, StringComparison.OrdinalIgnoreCase)))
            {
                var refusable = Math.Min(remaining, line.DeliveredQuantity - (line.RefusedQuantity ?? 0m));
                if (refusable <= 0) continue;
                line.RefusedQuantity = (line.RefusedQuantity ?? 0m) + refusable;
                line.PickNote = reason ?? "Refused at the door";
                // The whole line refused returns exactly what was charged; part of it at the charged unit price.
                refund += line.RefusedQuantity == line.DeliveredQuantity
                    ? line.FinalLineTotal!.Value - Money.LineTotal(line.ChargedUnitPrice, line.RefusedQuantity.Value - refusable)
                    : Money.LineTotal(line.ChargedUnitPrice, refusable);
                remaining -= refusable;
                if (remaining <= 0) break;
            }
        }
        TransitionTo(OrderStatus.Delivered, at, refund > 0
            ? string.Create(CultureInfo.InvariantCulture, $"Delivered; {refund:0} ₫ refunded for refused items")
            : "Delivered");
        return refund;
    }

    /// <summary>Returns false when the order was already delivered or had failed.</summary>
    public bool RecordDeliveryFailed(Guid shipmentId, string reason, DateTimeOffset at)
    {
        if (Status is not (OrderStatus.ReadyForDispatch or OrderStatus.OutForDelivery)) return false;
        ShipmentId ??= shipmentId;
        DeliveryFailureReason = reason.Length > OrderingLimits.CancellationMessageMaxLength ? reason[..OrderingLimits.CancellationMessageMaxLength] : reason;
        TransitionTo(OrderStatus.DeliveryFailed, at, "Delivery failed: " + DeliveryFailureReason);
        return true;
    }

    public void RecordRefund(decimal amount) => RefundedAmount += amount;

    /// <summary>A failed delivery owes nothing: a captured payment is refunded, an amount to collect is dropped.</summary>
    public void RecordPaymentVoided()
    {
        AmountToCollect = 0m;
        if (Payment == StepStatus.Succeeded) Payment = StepStatus.Compensated;
    }
}
