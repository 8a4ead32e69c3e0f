using Grocery.Contracts;
using Grocery.Notifications.Templates;
using MimeKit;

namespace Grocery.Notifications.Tests;

/// <summary>Events in through Kafka and the inbox, mails out to a real SMTP server, read back and checked.</summary>
public sealed class ShopperMailTests(NotificationsInfrastructure infra)
{
    private NotificationsApp App => infra.App;

    [Fact]
    public async Task A_cash_on_delivery_journey_mails_the_vietnamese_shopper_four_times_in_vietnamese()
    {
        var journey = new OrderJourney(infra.NewShopper("vi"));

        await journey.RunAsync(App);

        var mails = await infra.MailsEventuallyAsync(journey.Shopper.Email, 4, "four mails arrived");
        Assert.Equal(Mails.Sorted("orderConfirmed", "itemsChanged", "outForDelivery", "delivered"), mails.Kinds());
        Assert.All(mails, m =>
        {
            Assert.Equal("vi", m.Language());
            Assert.Equal(journey.Number, m.Headers[MailComposer.OrderHeader]);
            Assert.Contains(journey.Number, m.Subject);
            Assert.StartsWith("Xin chào Lan,", m.TextBody);
            Assert.Contains("<html lang=\"vi\">", m.HtmlBody);
        });
        var (confirmed, changed, onItsWay, delivered) =
            (mails.OfKind("orderConfirmed"), mails.OfKind("itemsChanged"), mails.OfKind("outForDelivery"), mails.OfKind("delivered"));
        Assert.Equal($"Đơn hàng {journey.Number} đã được xác nhận", confirmed.Subject);
        Assert.Contains("18:00–19:00", confirmed.TextBody);
        Assert.Contains("Tiền hàng (tạm tính): 220.000 ₫", confirmed.TextBody);
        Assert.Contains("Phí giao hàng: 20.000 ₫", confirmed.TextBody);
        Assert.Contains("Tổng cộng (tạm tính): 240.000 ₫", confirmed.TextBody);
        Assert.Contains("Tiền mặt khi nhận hàng", confirmed.TextBody);

        Assert.Contains("BREAD: thay bằng BREAD-WHOLE × 1: 28.000 ₫ (đã đặt: 25.000 ₫)", changed.TextBody);
        Assert.Contains("EGGS-10: hết hàng, đã bỏ khỏi đơn: không tính tiền (đã đặt: 45.000 ₫)", changed.TextBody);
        Assert.DoesNotContain("APPLE-KG", changed.TextBody);
        Assert.DoesNotContain("MILK-1L", changed.TextBody);
        Assert.Contains("Tổng tiền hàng mới: 172.000 ₫", changed.TextBody);

        Assert.Contains("Mã vận đơn: TRK-123", onItsWay.TextBody);
        Assert.Contains("Số tiền cần thanh toán: 192.000 ₫", onItsWay.TextBody);
        Assert.Contains($"https://shop.example.test/orders/{journey.OrderId}", onItsWay.TextBody);
        Assert.Contains($"href=\"https://shop.example.test/orders/{journey.OrderId}\"", onItsWay.HtmlBody);

        Assert.Contains("BREAD-WHOLE × 1: 28.000 ₫", delivered.TextBody);
        Assert.Contains("Tiền hàng: 172.000 ₫", delivered.TextBody);
        Assert.Contains("Tổng cộng: 192.000 ₫", delivered.TextBody);
        Assert.Contains("Đã thanh toán tiền mặt: 192.000 ₫", delivered.TextBody);
        Assert.Contains("18:25", delivered.TextBody);
    }

    [Fact]
    public async Task A_cash_on_delivery_journey_mails_the_english_shopper_four_times_in_english()
    {
        var journey = new OrderJourney(infra.NewShopper("en", displayName: "Sam"));

        await journey.RunAsync(App);

        var mails = await infra.MailsEventuallyAsync(journey.Shopper.Email, 4, "four mails arrived");
        Assert.Equal(Mails.Sorted("orderConfirmed", "itemsChanged", "outForDelivery", "delivered"), mails.Kinds());
        Assert.All(mails, m =>
        {
            Assert.Equal("en", m.Language());
            Assert.StartsWith("Hello Sam,", m.TextBody);
        });
        Assert.Equal($"Order {journey.Number} is confirmed", mails.OfKind("orderConfirmed").Subject);
        Assert.Contains("Tuesday 8 December 2026, 18:00–19:00", mails.OfKind("orderConfirmed").TextBody);
        Assert.Contains("Goods (estimate): 220,000 ₫", mails.OfKind("orderConfirmed").TextBody);
        Assert.Contains("Total (estimate): 240,000 ₫", mails.OfKind("orderConfirmed").TextBody);
        Assert.Equal($"Changes to order {journey.Number}", mails.OfKind("itemsChanged").Subject);
        Assert.Contains("BREAD: replaced by BREAD-WHOLE × 1: 28,000 ₫ (ordered: 25,000 ₫)", mails.OfKind("itemsChanged").TextBody);
        Assert.Contains("EGGS-10: out of stock, removed: not charged (ordered: 45,000 ₫)", mails.OfKind("itemsChanged").TextBody);
        Assert.Equal($"Order {journey.Number} is on its way", mails.OfKind("outForDelivery").Subject);
        Assert.Contains("To pay in cash: 192,000 ₫", mails.OfKind("outForDelivery").TextBody);
        Assert.Contains("Tracking number: TRK-123", mails.OfKind("outForDelivery").TextBody);
        Assert.Equal($"Order {journey.Number} was delivered", mails.OfKind("delivered").Subject);
        Assert.Contains("Goods: 172,000 ₫", mails.OfKind("delivered").TextBody);
        Assert.Contains("Total: 192,000 ₫", mails.OfKind("delivered").TextBody);
        Assert.Contains("Paid in cash: 192,000 ₫", mails.OfKind("delivered").TextBody);
    }

    [Fact]
    public async Task A_failed_card_payment_and_the_cancellation_it_causes_are_both_mailed_with_the_reason()
    {
        var journey = new OrderJourney(infra.NewShopper("en"), PaymentMethod.Card);

        await App.PublishAsync(journey.Placed(), journey.PaymentFailed(), journey.Cancelled(OrderCancellationReason.PaymentFailed));

        var mails = await infra.MailsEventuallyAsync(journey.Shopper.Email, 2, "two mails arrived");
        Assert.Equal(Mails.Sorted("paymentActionNeeded", "orderCancelled"), mails.Kinds());
        var (failed, cancelled) = (mails.OfKind("paymentActionNeeded"), mails.OfKind("orderCancelled"));
        Assert.Equal($"Payment for order {journey.Number} needs your attention", failed.Subject);
        Assert.Contains("Amount: 240,000 ₫", failed.TextBody);
        Assert.Contains($"Order {journey.Number} was cancelled", cancelled.Subject);
        Assert.Contains("the payment did not go through", cancelled.TextBody);
        Assert.DoesNotContain("internal detail", cancelled.TextBody);
        Assert.DoesNotContain("card_declined", failed.TextBody);
    }

    [Fact]
    public async Task A_vietnamese_cancellation_names_the_reason_in_vietnamese()
    {
        var journey = new OrderJourney(infra.NewShopper("vi"));

        await App.PublishAsync(journey.Placed(), journey.Cancelled(OrderCancellationReason.StockUnavailable));

        var mail = Assert.Single(await infra.MailsEventuallyAsync(journey.Shopper.Email, 1, "the cancellation mail arrived"));
        Assert.Equal($"Đơn hàng {journey.Number} đã bị hủy", mail.Subject);
        Assert.Contains("một số sản phẩm đã hết hàng", mail.TextBody);
        Assert.Contains("Bạn sẽ không phải thanh toán.", mail.TextBody);
    }
}
