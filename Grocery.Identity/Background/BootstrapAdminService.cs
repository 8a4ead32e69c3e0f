using Grocery.Contracts.Identity;
using Grocery.Identity.Domain;
using Grocery.Messaging.Outbox;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Npgsql;

using Grocery.Identity.Accounts;

namespace Grocery.Identity.Background;

/// <summary>
/// Ensures the account named by Identity:BootstrapAdmin exists and holds the admin role. It never
/// overwrites an existing account's password: after the first start the secret is only a fallback
/// to recreate a deleted admin.
/// </summary>
internal sealed class BootstrapAdminService(
    IServiceScopeFactory scopes,
    IOptions<IdentityServiceOptions> options,
    TimeProvider time,
    ILogger<BootstrapAdminService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value.BootstrapAdmin;
        if (string.IsNullOrWhiteSpace(settings.Email) || string.IsNullOrEmpty(settings.Password)) return;
        if (!EmailAddress.TryParse(settings.Email, out var email))
        {
            logger.LogError("Identity:BootstrapAdmin:Email is not a valid e-mail address; no admin was created");
            return;
        }
        if (PasswordRules.Check(settings.Password, email.Value) is { } weakness)
        {
            logger.LogError("Identity:BootstrapAdmin:Password is rejected ({Reason}); no admin was created", weakness);
            return;
        }

        for (var attempt = 1; !stoppingToken.IsCancellationRequested; attempt++)
        {
            try
            {
                await EnsureAdminAsync(email, settings.Password, stoppingToken);
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or DbUpdateException or InvalidOperationException && attempt < 60)
            {
                logger.LogWarning(ex, "Bootstrap admin not ensured yet (attempt {Attempt}); retrying", attempt);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(attempt, 10)), time, stoppingToken);
            }
        }
    }

    private async Task EnsureAdminAsync(EmailAddress email, string password, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
        var user = await db.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == email.Normalized && u.DeletedAt == null, cancellationToken);
        if (user is null)
        {
            var now = time.GetUtcNow();
            user = User.Register(email, "", "Administrator", now);
            user.ChangePassword(scope.ServiceProvider.GetRequiredService<IPasswordHasher<User>>().HashPassword(user, password), now);
            db.Users.Add(user);
            scope.ServiceProvider.GetRequiredService<IIntegrationEventOutbox>()
                .Add(new UserRegisteredIntegrationEvent(user.Id, email.Value, user.DisplayName, now));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                // Another replica created it at the same moment.
                db.ChangeTracker.Clear();
                user = await db.Users.SingleAsync(u => u.NormalizedEmail == email.Normalized && u.DeletedAt == null, cancellationToken);
            }
        }
        var granted = await db.Database.ExecuteSqlAsync(
            $"INSERT INTO user_roles (user_id, role) VALUES ({user.Id}, {GroceryRoles.Admin}) ON CONFLICT DO NOTHING", cancellationToken);
        logger.LogInformation("Bootstrap admin {UserId} ensured{Granted}", user.Id, granted > 0 ? " (admin role granted)" : "");
    }
}
