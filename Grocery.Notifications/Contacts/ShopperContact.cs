namespace Grocery.Notifications.Contacts;

/// <summary>Identity's answer to <c>GET /api/v1/users/{id}/contact</c>. Personal data: never logged, never stored here.</summary>
public sealed record ShopperContact(Guid UserId, string? Email, string? DisplayName, string? Language);
