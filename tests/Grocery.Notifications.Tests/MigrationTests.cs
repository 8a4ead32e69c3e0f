using Grocery.Persistence;

namespace Grocery.Notifications.Tests;

/// <summary>The service starts from its first migration, later ones follow it, and its model has nothing the migrations lack.</summary>
public sealed class MigrationTests
{
    private static NotificationsDbContext Context() => DesignTimeDbContextFactory<NotificationsDbContext>.Create("Host=localhost;Database=unused");

    [Fact]
    public void The_model_has_no_changes_the_migration_lacks()
    {
        using var db = Context();
        Assert.False(db.Database.HasPendingModelChanges());
    }

    [Fact]
    public void The_service_starts_from_its_first_migration_and_later_ones_follow_it()
    {
        using var db = Context();
        var migrations = db.Database.GetMigrations().ToList();
        Assert.Equal("20261207060128_Notifications", migrations[0]);
        Assert.All(migrations.Skip(1), m => Assert.True(string.CompareOrdinal(m, migrations[0]) > 0, $"{m} is older than the first migration."));
    }
}
