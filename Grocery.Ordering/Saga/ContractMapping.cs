using Contracts = Grocery.Contracts;

namespace Grocery.Ordering.Saga;

/// <summary>
/// The domain's enums as the integration events carry them. Mapped by name, member by member, so a
/// change on the wire is a change here and never a change of the orders schema.
/// </summary>
public static class ContractMapping
{
    public static Contracts.PaymentMethod ToContract(this PaymentMethod method) => method switch
    {
        PaymentMethod.CashOnDelivery => Contracts.PaymentMethod.CashOnDelivery,
        PaymentMethod.Card => Contracts.PaymentMethod.Card,
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, null),
    };

    public static Contracts.SubstitutionPreference ToContract(this SubstitutionPreference preference) => preference switch
    {
        SubstitutionPreference.None => Contracts.SubstitutionPreference.None,
        SubstitutionPreference.AnySimilar => Contracts.SubstitutionPreference.AnySimilar,
        SubstitutionPreference.NamedSku => Contracts.SubstitutionPreference.NamedSku,
        _ => throw new ArgumentOutOfRangeException(nameof(preference), preference, null),
    };

    public static Contracts.OrderCancellationReason ToContract(this OrderCancellationReason reason) => reason switch
    {
        OrderCancellationReason.CustomerRequested => Contracts.OrderCancellationReason.CustomerRequested,
        OrderCancellationReason.StockUnavailable => Contracts.OrderCancellationReason.StockUnavailable,
        OrderCancellationReason.SlotUnavailable => Contracts.OrderCancellationReason.SlotUnavailable,
        OrderCancellationReason.PaymentFailed => Contracts.OrderCancellationReason.PaymentFailed,
        OrderCancellationReason.Timeout => Contracts.OrderCancellationReason.Timeout,
        OrderCancellationReason.DeliveryFailed => Contracts.OrderCancellationReason.DeliveryFailed,
        OrderCancellationReason.StaffCancelled => Contracts.OrderCancellationReason.StaffCancelled,
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };
}
