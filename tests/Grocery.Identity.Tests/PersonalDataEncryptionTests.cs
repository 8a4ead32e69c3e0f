using System.Net.Http.Json;
using System.Security.Cryptography;
using Grocery.Identity.Security;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using StackExchange.Redis;

namespace Grocery.Identity.Tests;

public sealed class PersonalDataEncryptionTests(SharedIdentityApp shared) : IClassFixture<SharedIdentityApp>
{
    private const string Phone = "+84901234567";
    private const string Street = "221 Pasteur Street";
    private readonly IdentityApp _app = shared.App;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Phone_and_street_columns_hold_no_plaintext_and_equal_phones_give_different_ciphertexts()
    {
        var first = await SaveProfileAsync();
        var second = await SaveProfileAsync();

        var firstPhone = await RawAsync("SELECT protected_phone FROM users WHERE id = @id", first);
        var secondPhone = await RawAsync("SELECT protected_phone FROM users WHERE id = @id", second);
        var street = await RawAsync("SELECT protected_street FROM addresses WHERE user_id = @id", first);

        Assert.NotEqual(firstPhone, secondPhone);
        foreach (var raw in new[] { firstPhone, secondPhone })
        {
            Assert.DoesNotContain("901234567", raw);
        }
        Assert.DoesNotContain("Pasteur", street, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("221", street);
    }

    [Fact]
    public async Task The_ciphertext_is_readable_with_the_service_key_ring_and_unreadable_with_a_fresh_one()
    {
        var userId = await SaveProfileAsync();
        var phone = await RawAsync("SELECT protected_phone FROM users WHERE id = @id", userId);
        var street = await RawAsync("SELECT protected_street FROM addresses WHERE user_id = @id", userId);
        await using var redis = await ConnectionMultiplexer.ConnectAsync(shared.Infrastructure.Redis.ConnectionString);

        var serviceRing = Protector(redis, "grocery:identity:data-protection-keys");
        var freshRing = Protector(redis, "grocery:identity:fresh-ring-" + Guid.NewGuid().ToString("N"));

        Assert.Equal(Phone, serviceRing.Unprotect(phone));
        Assert.Equal(Street, serviceRing.Unprotect(street));
        Assert.ThrowsAny<CryptographicException>(() => freshRing.Unprotect(phone));
        Assert.ThrowsAny<CryptographicException>(() => freshRing.Unprotect(street));
    }

    private static IDataProtector Protector(IConnectionMultiplexer redis, string key)
    {
        var services = new ServiceCollection();
        services.AddDataProtection().SetApplicationName("grocery-identity").PersistKeysToStackExchangeRedis(redis, key);
        return services.BuildServiceProvider().GetDataProtector(PersonalDataProtector.Purpose);
    }

    private async Task<Guid> SaveProfileAsync()
    {
        var (client, userId, _, _) = await _app.NewShopperAsync();
        (await client.PutAsJsonAsync("/api/v1/me", new { name = "Minh", phone = Phone }, Ct)).EnsureSuccessStatusCode();
        (await client.PostAsJsonAsync("/api/v1/me/addresses", new { street = Street, district = "District 3", city = "Ho Chi Minh City" }, Ct)).EnsureSuccessStatusCode();
        return userId;
    }

    private async Task<string> RawAsync(string sql, Guid userId)
    {
        await using var connection = new NpgsqlConnection(_app.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("id", userId);
        return (string)(await command.ExecuteScalarAsync(Ct))!;
    }
}
