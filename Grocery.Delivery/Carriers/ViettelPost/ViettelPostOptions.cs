namespace Grocery.Delivery.Carriers.ViettelPost;

/// <summary>"Carriers:viettelpost". Production base address https://partner.viettelpost.vn (test: https://partnerdev.viettelpost.vn).</summary>
public sealed class ViettelPostOptions : ICarrierEndpointOptions
{
    public string? BaseAddress { get; set; }
    public string? Username { get; set; }
    public string? Password { get; set; }
    /// <summary>ViettelPost service code, e.g. "VCN" (express) or "PHS" (same-day in the city).</summary>
    public string OrderService { get; set; } = "PHS";
    public string OrderServiceAdd { get; set; } = "";
    public int SenderProvinceId { get; set; }
    public int SenderDistrictId { get; set; }
    /// <summary>ViettelPost's district ids keyed by our normalised district name ("quan 1" → 760).</summary>
    public Dictionary<string, int> DistrictIds { get; set; } = [];
    /// <summary>Tracking path; {0} is the ViettelPost order number.</summary>
    public string TrackPath { get; set; } = "/v2/order/getOrderStatus?ORDER_NUMBER={0}";
    /// <summary>The TOKEN ViettelPost echoes in every webhook body (agreed when the webhook is registered).</summary>
    public string? WebhookToken { get; set; }
    public string TimeZone { get; set; } = "Asia/Ho_Chi_Minh";
}
