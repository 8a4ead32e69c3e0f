using System.Security.Cryptography;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using Npgsql;
using StackExchange.Redis;

namespace Grocery.EndToEnd.Tests.Security;

/// <summary>
/// Identity's real private signing key, read the way Identity reads it: the protected PKCS#8 bytes
/// from identitydb, unprotected with a Data Protection provider configured like Identity's (same
/// application name, same key ring in Redis, same purpose). The test only reads the key ring.
/// </summary>
internal static class IdentitySigningKey
{
    // Mirrors Grocery.Identity's Extensions.cs, IdentityServiceOptions and SigningKeyStore.
    private const string ApplicationName = "grocery-identity";
    private const string KeyRingRedisKey = "grocery:identity:data-protection-keys";
    private const string ProtectorPurpose = "Grocery.Identity.SigningKeys.v1";

    public static async Task<RsaSecurityKey> LoadAsync(GroceryAppFixture system, string keyId, CancellationToken ct)
    {
        var protectedKey = await ProtectedPrivateKeyAsync(system, keyId, ct);
        await using var redis = await ConnectionMultiplexer.ConnectAsync(await system.GetConnectionStringAsync(ResourceNames.Cache));

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDataProtection().SetApplicationName(ApplicationName).DisableAutomaticKeyGeneration();
        services.Configure<KeyManagementOptions>(o => o.XmlRepository = new ReadOnlyRedisXmlRepository(redis.GetDatabase(), KeyRingRedisKey));
        await using var provider = services.BuildServiceProvider();
        var protector = provider.GetRequiredService<IDataProtectionProvider>().CreateProtector(ProtectorPurpose);

        var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(protector.Unprotect(protectedKey), out _);
        return new RsaSecurityKey(rsa) { KeyId = keyId };
    }

    private static async Task<byte[]> ProtectedPrivateKeyAsync(GroceryAppFixture system, string keyId, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(await system.DirectConnectionStringAsync(ResourceNames.IdentityDb));
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand("SELECT protected_private_key FROM signing_keys WHERE key_id = @id", connection);
        command.Parameters.AddWithValue("id", keyId);
        return (byte[]?)await command.ExecuteScalarAsync(ct) ?? throw new InvalidOperationException($"Signing key {keyId} is not in identitydb.");
    }

    /// <summary>Identity's key ring as RedisXmlRepository stores it (one XML element per list item); never written.</summary>
    private sealed class ReadOnlyRedisXmlRepository(IDatabase redis, string key) : IXmlRepository
    {
        public IReadOnlyCollection<XElement> GetAllElements() =>
            redis.ListRange(key).Select(value => XElement.Parse(value.ToString())).ToList();

        public void StoreElement(XElement element, string friendlyName) =>
            throw new InvalidOperationException("The test must not add keys to Identity's key ring.");
    }
}
