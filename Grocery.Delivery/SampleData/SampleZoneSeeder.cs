using Grocery.Delivery.Apis;
using Grocery.Delivery.Background;
using Grocery.Delivery.Carriers;
using Grocery.Delivery.Slots;
using Grocery.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace Grocery.Delivery.SampleData;

/// <summary>
/// Creates the sample store's delivery zones when <c>Delivery:SeedSampleData</c> is true, which it is
/// by default in Development only: real Ho Chi Minh City districts and postcodes, all served by the
/// Quận 1 dark store that Inventory's sample data stocks, with off-peak and peak windows every day so
/// the slot calendar has the next 7 days. Goes through the zone API's own handler (validation, slot
/// calendar) under an advisory lock; a database that has any zone is left alone.
/// </summary>
internal sealed class SampleZoneSeeder(IServiceScopeFactory scopes, IConfiguration configuration, IHostEnvironment environment,
    ILogger<SampleZoneSeeder> logger) : IDatabaseMigrator
{
    /// <summary>The id Inventory's sample data gives its warehouse (Grocery.Inventory/SampleData/SampleStockSeeder.cs).</summary>
    public static readonly Guid WarehouseId = new("0193a5c0-5a11-7000-8000-00000000d001");
    private const long LockKey = 0x44_4C_56_53_45_45_44; // "DLVSEED"

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        if (!configuration.GetValue("Delivery:SeedSampleData", environment.IsDevelopment())) return;

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DeliveryDbContext>();
        await db.Database.OpenConnectionAsync(cancellationToken);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var held = await AdvisoryLock.TakeAsync(connection, LockKey, cancellationToken);
        try
        {
            if (await db.Zones.AnyAsync(cancellationToken)) return;
            var carriers = scope.ServiceProvider.GetRequiredService<CarrierRegistry>();
            var calendar = scope.ServiceProvider.GetRequiredService<SlotCalendarGenerator>();
            var time = scope.ServiceProvider.GetRequiredService<TimeProvider>();
            // The seeder acts as the service itself, which may work in every warehouse.
            var service = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
                [new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.Role, GroceryRoles.Service)], "seed"));
            foreach (var request in SampleZones.All(WarehouseId))
            {
                var result = await ZonesApi.CreateZoneAsync(request, service, db, carriers, calendar, time, cancellationToken);
                if (result.Result is not Created<ZoneResponse> created)
                    throw new InvalidOperationException($"Sample zone {request.Name} was refused: {result.Result}");
                logger.LogInformation("Seeded delivery zone {Zone} ({Postcodes})", created.Value!.Name, string.Join(", ", created.Value.Postcodes));
            }
        }
        finally
        {
            await held.DisposeAsync();
            await db.Database.CloseConnectionAsync();
        }
    }
}
