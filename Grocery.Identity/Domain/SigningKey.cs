namespace Grocery.Identity.Domain;

/// <summary>
/// An RS256 signing key. The private key is stored only in Data Protection's encrypted form; the
/// public modulus and exponent are stored plainly for the JWKS. A retired key signs nothing more
/// but stays published until every token it signed has expired. A new key is published some
/// minutes before it signs anything, so every service's cached JWKS already holds it.
/// </summary>
public sealed class SigningKey
{
    private SigningKey() { }

    public string KeyId { get; private set; } = "";
    public byte[] ProtectedPrivateKey { get; private set; } = [];
    public string Modulus { get; private set; } = "";
    public string Exponent { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset ActivatesAt { get; private set; }
    public DateTimeOffset? RetiredAt { get; private set; }

    public static SigningKey Create(string keyId, byte[] protectedPrivateKey, string modulus, string exponent, DateTimeOffset now, DateTimeOffset activatesAt) => new()
    {
        KeyId = keyId,
        ProtectedPrivateKey = protectedPrivateKey,
        Modulus = modulus,
        Exponent = exponent,
        CreatedAt = now,
        ActivatesAt = activatesAt,
    };

    public bool SignsAt(DateTimeOffset now) => ActivatesAt <= now && (RetiredAt is null || RetiredAt > now);

    /// <summary>Stops signing when its successor starts (or at once); an earlier retirement stands.</summary>
    public void RetireAt(DateTimeOffset when)
    {
        if (RetiredAt is null || RetiredAt > when) RetiredAt = when;
    }
}
