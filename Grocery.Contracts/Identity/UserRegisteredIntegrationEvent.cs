namespace Grocery.Contracts.Identity;

/// <summary>A shopper or staff account was created.</summary>
public sealed record UserRegisteredIntegrationEvent(
    Guid UserId,
    string Email,
    string? DisplayName,
    DateTimeOffset RegisteredAt) : IIntegrationEvent
{
    string IIntegrationEvent.PartitionKey => UserId.ToString();
}
