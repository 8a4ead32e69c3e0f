namespace Grocery.Delivery.Carriers.Grab;

/// <summary>"Carriers:grab". Production base address https://partner-api.grab.com (staging https://partner-api.stg-myteksi.com).</summary>
public sealed class GrabExpressOptions : ICarrierEndpointOptions
{
    public string? BaseAddress { get; set; }
    public string TokenPath { get; set; } = "/grabid/v1/oauth2/token";
    /// <summary>Sandbox accounts use "/grab-express-sandbox/v1/deliveries".</summary>
    public string DeliveriesPath { get; set; } = "/grab-express/v1/deliveries";
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }
    public string Scope { get; set; } = "grab_express.partner_deliveries";
    public string ServiceType { get; set; } = "INSTANT";
    /// <summary>The value Grab sends in the Authorization header of webhook calls (set in Grab's partner portal).</summary>
    public string? WebhookSecret { get; set; }
}
