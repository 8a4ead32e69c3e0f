namespace Grocery.Identity.Domain;

/// <summary>
/// An RS256 signing key. The private key is stored only in Data Protection's encrypted form; the
/// public modulus and exponent are stored plainly for the JWKS. A retired key signs nothing more
/// but stays published until every token it signed has expired.
/// </summary>
public sealed class SigningKey
{
    private SigningKey() { }

    public string KeyId { get; private set; } = "";
    public byte[] ProtectedPrivateKey { get; private set; } = [];
    public string Modulus { get; private set; } = "";
    public string Exponent { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? RetiredAt { get; private set; }

    public static SigningKey Create(string keyId, byte[] protectedPrivateKey, string modulus, string exponent, DateTimeOffset now) => new()
    {
        KeyId = keyId,
        ProtectedPrivateKey = protectedPrivateKey,
        Modulus = modulus,
        Exponent = exponent,
        CreatedAt = now,
    };

    public void Retire(DateTimeOffset now) => RetiredAt ??= now;
}
