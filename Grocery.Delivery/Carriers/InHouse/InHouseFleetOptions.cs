namespace Grocery.Delivery.Carriers.InHouse;

public sealed class InHouseFleetOptions
{
    /// <summary>What a delivery costs the business; shoppers pay the zone's fee.</summary>
    public decimal CostPerDelivery { get; set; } = 15000m;
    /// <summary>Shared with the drivers' app, which signs status callbacks with HMAC-SHA256.</summary>
    public string? WebhookSecret { get; set; }
}
