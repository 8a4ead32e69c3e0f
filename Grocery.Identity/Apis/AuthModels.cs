namespace Grocery.Identity.Apis;

public sealed record RegisterRequest(string? Email, string? Password, string? Name);

public sealed record RegisteredUser(Guid Id, string Email);

public sealed record LoginRequest(string? Email, string? Password);

public sealed record RefreshRequest(string? RefreshToken);

public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);

public sealed record SigningKeySummary(string KeyId, DateTimeOffset CreatedAt, DateTimeOffset ActivatesAt, DateTimeOffset? RetiredAt, bool Signing);

public sealed record RotatedKey(string KeyId, DateTimeOffset ActivatesAt);
