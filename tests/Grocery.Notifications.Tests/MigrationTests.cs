using Grocery.Persistence;

namespace Grocery.Notifications.Tests;

/// <summary>The service starts from one migration and its model has nothing the migration lacks.</summary>
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
    public void The_service_has_exactly_one_migration()
    {
        using var db = Context();
        Assert.Single(db.Database.GetMigrations());
    }
}
