namespace Grocery.Identity.Domain;

public sealed record UserRole(Guid UserId, string Role);
