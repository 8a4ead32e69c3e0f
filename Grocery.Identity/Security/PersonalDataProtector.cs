using Microsoft.AspNetCore.DataProtection;

namespace Grocery.Identity.Security;

/// <summary>
/// Encrypts phone numbers and street lines with Data Protection (AES-256-CBC + HMAC, a fresh
/// IV and derived key per value, so equal inputs give different ciphertexts). The key ring lives
/// in Redis, never beside the ciphertext in PostgreSQL.
/// </summary>
public sealed class PersonalDataProtector(IDataProtectionProvider provider)
{
    public const string Purpose = "Grocery.Identity.PersonalData.v1";

    private readonly IDataProtector _protector = provider.CreateProtector(Purpose);

    public string Protect(string plaintext) => _protector.Protect(plaintext);

    public string Unprotect(string ciphertext) => _protector.Unprotect(ciphertext);

    public string? ProtectOptional(string? plaintext) => plaintext is null ? null : Protect(plaintext);

    public string? UnprotectOptional(string? ciphertext) => ciphertext is null ? null : Unprotect(ciphertext);
}
