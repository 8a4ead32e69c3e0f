using Grocery.Ordering.Saga;

namespace Grocery.Ordering.Tests;

/// <summary>The domain keeps its own enums; the events carry the contracts' (Saga/ContractMapping).</summary>
public sealed class ContractMappingTests
{
    [Fact]
    public void Every_payment_method_maps_to_the_contract_method_of_the_same_name() =>
        Assert.All(Enum.GetValues<PaymentMethod>(), m => Assert.Equal(m.ToString(), m.ToContract().ToString()));

    [Fact]
    public void Every_substitution_preference_maps_to_the_contract_preference_of_the_same_name() =>
        Assert.All(Enum.GetValues<SubstitutionPreference>(), p => Assert.Equal(p.ToString(), p.ToContract().ToString()));

    [Fact]
    public void Every_cancellation_reason_maps_to_the_contract_reason_of_the_same_name() =>
        Assert.All(Enum.GetValues<OrderCancellationReason>(), r => Assert.Equal(r.ToString(), r.ToContract().ToString()));
}
