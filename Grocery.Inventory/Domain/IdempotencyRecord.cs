namespace Grocery.Inventory.Domain;

/// <summary>The stored answer to a write made with an Idempotency-Key, returned again on a retry.</summary>
public sealed class IdempotencyRecord
{
    public required string Key { get; set; }
    public required string Operation { get; set; }
    public int StatusCode { get; set; }
    public string? Response { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
