namespace Grocery.Identity.Apis;

public sealed record RegisterRequest(string? Email, string? Password, string? Name);

public sealed record RegisteredUser(Guid Id, string Email);

public sealed record LoginRequest(string? Email, string? Password);

public sealed record RefreshRequest(string? RefreshToken);

public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);

public sealed record SigningKeySummary(string KeyId, DateTimeOffset CreatedAt, DateTimeOffset ActivatesAt, DateTimeOffset? RetiredAt, bool Signing);

public sealed record RotatedKey(string KeyId, DateTimeOffset ActivatesAt);

/// <summary>The form of <c>POST /api/v1/auth/token</c>, for the API description (the handler reads the form itself).</summary>
public sealed record ClientCredentialsForm(
    [property: System.Text.Json.Serialization.JsonPropertyName("grant_type")] string GrantType,
    [property: System.Text.Json.Serialization.JsonPropertyName("client_id")] string? ClientId,
    [property: System.Text.Json.Serialization.JsonPropertyName("client_secret")] string? ClientSecret);
