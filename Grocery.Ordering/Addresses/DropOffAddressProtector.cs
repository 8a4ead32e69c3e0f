using System.Text.Json;
using Grocery.Ordering.Clients;
using Microsoft.AspNetCore.DataProtection;

namespace Grocery.Ordering.Addresses;

/// <summary>
/// Encrypts drop-off addresses with Data Protection (authenticated encryption, a derived key per
/// purpose). The key ring lives in Redis, so a dump of Ordering's database alone reveals no address.
/// </summary>
public sealed class DropOffAddressProtector(IDataProtectionProvider provider)
{
    public const string Purpose = "Grocery.Ordering.DropOffAddress.v1";

    public const string KeyRingRedisKey = "grocery:ordering:data-protection-keys";

    private readonly IDataProtector _protector = provider.CreateProtector(Purpose);

    public string Protect(DropOffAddress address) => _protector.Protect(JsonSerializer.Serialize(address, RemoteJson.Options));

    public DropOffAddress Unprotect(string protectedPayload) =>
        JsonSerializer.Deserialize<DropOffAddress>(_protector.Unprotect(protectedPayload), RemoteJson.Options)
        ?? throw new InvalidOperationException("A drop-off address snapshot decrypted to nothing.");
}
