namespace Grocery.Delivery.Carriers;

public sealed class CarrierRegistry(IEnumerable<ICarrier> carriers)
{
    public const string InHouse = "inhouse";

    private readonly Dictionary<string, ICarrier> _carriers = carriers.ToDictionary(c => c.Name, StringComparer.OrdinalIgnoreCase);

    public IReadOnlyCollection<string> Names => _carriers.Keys;

    public bool TryGet(string name, out ICarrier carrier) => _carriers.TryGetValue(name, out carrier!);

    public ICarrier Get(string name) =>
        _carriers.TryGetValue(name, out var carrier) ? carrier : throw new InvalidOperationException($"Carrier '{name}' is not registered.");

    public ICarrier Fallback => Get(InHouse);
}
