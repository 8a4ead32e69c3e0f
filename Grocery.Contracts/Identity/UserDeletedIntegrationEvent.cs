namespace Grocery.Contracts.Identity;

/// <summary>An account was deleted; consumers erase the user's personal data.</summary>
public sealed record UserDeletedIntegrationEvent(
    Guid UserId,
    DateTimeOffset DeletedAt) : IIntegrationEvent
{
    string IIntegrationEvent.PartitionKey => UserId.ToString();
}
