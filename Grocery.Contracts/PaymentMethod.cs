namespace Grocery.Contracts;

public enum PaymentMethod
{
    CashOnDelivery,
    Card,
}
