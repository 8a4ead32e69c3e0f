using Grocery.Contracts;
using Grocery.Contracts.Delivery;
using Grocery.Notifications.Domain;

namespace Grocery.Notifications.Templates;

/// <summary>
/// The text of every message, in Vietnamese and English. Each method builds one kind from what the
/// notifier knows of the order; the wording lives here and nowhere else.
/// </summary>
public static class OrderMessages
{
    public static MessageDraft Confirmed(OrderRecipient order, ShopperFormat f, string orderLink)
    {
        var n = order.Number;
        return new MessageDraft(
            f.English ? $"Order {n} is confirmed" : $"Đơn hàng {n} đã được xác nhận",
            [f.English
                ? $"Your order {n} is confirmed. We will deliver it on {f.Window(order.SlotWindowStart, order.SlotWindowEnd)}."
                : $"Đơn hàng {n} của bạn đã được xác nhận. Chúng tôi sẽ giao hàng vào {f.Window(order.SlotWindowStart, order.SlotWindowEnd)}."],
            [
                new(f.English ? "Delivery slot" : "Khung giờ giao", f.Window(order.SlotWindowStart, order.SlotWindowEnd)),
                new(f.English ? "Goods (estimate)" : "Tiền hàng (tạm tính)", f.Money(order.EstimatedTotal - order.DeliveryFee)),
                new(f.English ? "Delivery fee" : "Phí giao hàng", f.Money(order.DeliveryFee)),
                new(f.English ? "Total (estimate)" : "Tổng cộng (tạm tính)", f.Money(order.EstimatedTotal)),
                new(f.English ? "Payment" : "Thanh toán", PaymentName(order.PaymentMethod, f)),
            ],
            OrderLink(orderLink, f));
    }

    /// <summary>Null when picking changed nothing the shopper needs to hear about.</summary>
    public static MessageDraft? ItemsChanged(OrderRecipient order, IReadOnlyList<PickedItem> picked, ShopperFormat f, string orderLink)
    {
        var rows = new List<MessageRow>();
        foreach (var line in picked)
        {
            var estimate = order.OrderedLines.FirstOrDefault(o => o.Sku == line.Sku)?.EstimatedLineTotal;
            var was = estimate is { } e ? (f.English ? $" (ordered: {f.Money(e)})" : $" (đã đặt: {f.Money(e)})") : "";
            if (line.SubstituteSku is { } substitute && line.PickedQuantity > 0)
                rows.Add(new(line.Sku, f.English
                    ? $"replaced by {substitute} × {f.Quantity(line.PickedQuantity)}: {f.Money(line.LineTotal)}{was}"
                    : $"thay bằng {substitute} × {f.Quantity(line.PickedQuantity)}: {f.Money(line.LineTotal)}{was}"));
            else if (line.PickedQuantity == 0)
                rows.Add(new(line.Sku, f.English
                    ? $"out of stock, removed: not charged{was}"
                    : $"hết hàng, đã bỏ khỏi đơn: không tính tiền{was}"));
            else if (line.PickedQuantity < line.OrderedQuantity && !IsWeighed(order, line))
                rows.Add(new(line.Sku, f.English
                    ? $"only {f.Quantity(line.PickedQuantity)} of {f.Quantity(line.OrderedQuantity)}: {f.Money(line.LineTotal)}{was}"
                    : $"chỉ có {f.Quantity(line.PickedQuantity)} trên {f.Quantity(line.OrderedQuantity)}: {f.Money(line.LineTotal)}{was}"));
        }
        if (rows.Count == 0) return null;
        var n = order.Number;
        rows.Add(new(f.English ? "Goods total now" : "Tổng tiền hàng mới", f.Money(picked.Sum(l => l.LineTotal))));
        return new MessageDraft(
            f.English ? $"Changes to order {n}" : $"Thay đổi trong đơn hàng {n}",
            [f.English
                ? $"We picked your order {n}. Some items were not available as ordered:"
                : $"Chúng tôi đã soạn đơn hàng {n}. Một số sản phẩm không có đúng như bạn đặt:"],
            rows,
            OrderLink(orderLink, f));
    }

    public static MessageDraft OutForDelivery(OrderRecipient order, string carrier, ShopperFormat f, string orderLink)
    {
        var n = order.Number;
        var rows = new List<MessageRow>
        {
            new(f.English ? "Expected" : "Dự kiến giao", f.Window(order.SlotWindowStart, order.SlotWindowEnd)),
            new(f.English ? "Carrier" : "Đơn vị vận chuyển", carrier),
        };
        if (order.TrackingNumber is { } tracking) rows.Add(new(f.English ? "Tracking number" : "Mã vận đơn", tracking));
        if (order.PaymentMethod == PaymentMethod.CashOnDelivery && order.FinalTotal is { } total)
            rows.Add(new(f.English ? "To pay in cash" : "Số tiền cần thanh toán", f.Money(total)));
        return new MessageDraft(
            f.English ? $"Order {n} is on its way" : $"Đơn hàng {n} đang được giao",
            [f.English ? $"Your order {n} has left the warehouse and is on its way to you." : $"Đơn hàng {n} đã rời kho và đang trên đường đến với bạn."],
            rows,
            new MessageLink(f.English ? "Track your order" : "Theo dõi đơn hàng", orderLink));
    }

    public static MessageDraft Delivered(OrderRecipient order, ShipmentDeliveredIntegrationEvent delivered, ShopperFormat f, string orderLink)
    {
        var n = order.Number;
        var rows = new List<MessageRow>();
        foreach (var line in order.PickedLines.Where(l => l.PickedQuantity > 0))
            rows.Add(new($"{line.SubstituteSku ?? line.Sku} × {f.Quantity(line.PickedQuantity)}", f.Money(line.LineTotal)));
        rows.Add(new(f.English ? "Goods" : "Tiền hàng", f.Money(order.Goods)));
        rows.Add(new(f.English ? "Delivery fee" : "Phí giao hàng", f.Money(order.DeliveryFee)));
        rows.Add(new(f.English ? "Total" : "Tổng cộng", f.Money(order.Goods + order.DeliveryFee)));
        if (delivered.CashCollected is { } cash) rows.Add(new(f.English ? "Paid in cash" : "Đã thanh toán tiền mặt", f.Money(cash)));
        foreach (var refused in delivered.RefusedLines ?? [])
            rows.Add(new(f.English ? "Returned at the door" : "Trả lại khi nhận", $"{refused.Sku} × {f.Quantity(refused.Quantity)}"));
        return new MessageDraft(
            f.English ? $"Order {n} was delivered" : $"Đơn hàng {n} đã được giao",
            [f.English
                ? $"Your order {n} was delivered on {f.Day(delivered.DeliveredAt)} at {f.Time(delivered.DeliveredAt)}. Here is your receipt."
                : $"Đơn hàng {n} đã được giao lúc {f.Time(delivered.DeliveredAt)}, {f.Day(delivered.DeliveredAt)}. Đây là biên nhận của bạn."],
            rows,
            OrderLink(orderLink, f));
    }

    public static MessageDraft Cancelled(OrderRecipient order, OrderCancellationReason reason, ShopperFormat f, string orderLink)
    {
        var n = order.Number;
        return new MessageDraft(
            f.English ? $"Order {n} was cancelled" : $"Đơn hàng {n} đã bị hủy",
            [f.English ? $"Your order {n} was cancelled: {CancellationReason(reason, f)}" : $"Đơn hàng {n} của bạn đã bị hủy: {CancellationReason(reason, f)}",
             order.PaymentMethod == PaymentMethod.Card
                ? (f.English ? "Any amount held on your card is released." : "Số tiền tạm giữ trên thẻ của bạn sẽ được hoàn lại.")
                : (f.English ? "You will not be charged." : "Bạn sẽ không phải thanh toán.")],
            [],
            OrderLink(orderLink, f));
    }

    public static MessageDraft PaymentActionNeeded(OrderRecipient order, ShopperFormat f, string orderLink)
    {
        var n = order.Number;
        return new MessageDraft(
            f.English ? $"Payment for order {n} needs your attention" : $"Thanh toán cho đơn hàng {n} cần bạn xử lý",
            [f.English
                ? $"We could not take the payment for order {n}. Open the order to pay again or choose another payment method."
                : $"Chúng tôi chưa thể thanh toán cho đơn hàng {n}. Hãy mở đơn hàng để thanh toán lại hoặc chọn phương thức khác."],
            [new(f.English ? "Amount" : "Số tiền", f.Money(order.Total))],
            new MessageLink(f.English ? "Pay for your order" : "Thanh toán đơn hàng", orderLink));
    }

    public static string Greeting(string? displayName, ShopperFormat f) =>
        string.IsNullOrWhiteSpace(displayName) ? (f.English ? "Hello," : "Xin chào,") : (f.English ? $"Hello {displayName}," : $"Xin chào {displayName},");

    public static string Signature(ShopperFormat f) => f.English ? "Thank you for shopping with Grocery." : "Cảm ơn bạn đã mua sắm tại Grocery.";

    private static string CancellationReason(OrderCancellationReason reason, ShopperFormat f) => (reason, f.English) switch
    {
        (OrderCancellationReason.CustomerRequested, true) => "you asked us to cancel it.",
        (OrderCancellationReason.CustomerRequested, false) => "theo yêu cầu của bạn.",
        (OrderCancellationReason.StockUnavailable, true) => "some items were out of stock.",
        (OrderCancellationReason.StockUnavailable, false) => "một số sản phẩm đã hết hàng.",
        (OrderCancellationReason.SlotUnavailable, true) => "the delivery slot was no longer available.",
        (OrderCancellationReason.SlotUnavailable, false) => "khung giờ giao hàng không còn trống.",
        (OrderCancellationReason.PaymentFailed, true) => "the payment did not go through.",
        (OrderCancellationReason.PaymentFailed, false) => "thanh toán không thành công.",
        (OrderCancellationReason.Timeout, true) => "we could not confirm it in time.",
        (OrderCancellationReason.Timeout, false) => "chúng tôi không thể xác nhận đơn kịp thời.",
        (OrderCancellationReason.DeliveryFailed, true) => "we could not deliver it.",
        (OrderCancellationReason.DeliveryFailed, false) => "chúng tôi không thể giao hàng.",
        (_, true) => "our store cancelled it.",
        (_, false) => "cửa hàng đã hủy đơn.",
    };

    private static string PaymentName(PaymentMethod method, ShopperFormat f) => method == PaymentMethod.Card
        ? (f.English ? "Card" : "Thẻ")
        : (f.English ? "Cash on delivery" : "Tiền mặt khi nhận hàng");

    private static MessageLink OrderLink(string url, ShopperFormat f) => new(f.English ? "View your order" : "Xem đơn hàng", url);

    // Weighed goods come in a little under or over the ordered kg; that is not a change to report.
    private static bool IsWeighed(OrderRecipient order, PickedItem line) =>
        order.OrderedLines.FirstOrDefault(o => o.Sku == line.Sku)?.SoldByWeight == true;
}
