namespace Grocery.Delivery.Carriers;

public interface ICarrierEndpointOptions
{
    string? BaseAddress { get; }
}
