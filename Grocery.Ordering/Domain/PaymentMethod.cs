namespace Grocery.Ordering.Domain;

/// <summary>How the shopper pays; stored and served by name. The wire has its own enum (mapped in <c>Saga/ContractMapping</c>).</summary>
public enum PaymentMethod
{
    CashOnDelivery,
    Card,
}
