using Grocery.Messaging.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Grocery.Messaging.Tests;

public sealed class RegistrationTests
{
    [Fact]
    public void A_pooled_DbContext_registered_before_the_bus_gets_the_outbox_notification()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddDbContextPool<TestDbContext>(o => o.UseNpgsql("Host=127.0.0.1"));
        builder.AddEventBus<TestDbContext>("kafka", o =>
        {
            o.ServiceName = "pooled";
            o.BootstrapServers = "127.0.0.1:9092";
            o.Topics = TestBus.Registry("pooled.events");
        });
        using var host = builder.Build();
        using var scope = host.Services.CreateScope();

        var options = scope.ServiceProvider.GetRequiredService<TestDbContext>().GetService<IDbContextOptions>();
        var interceptors = options.FindExtension<CoreOptionsExtension>()?.Interceptors ?? [];
        Assert.Contains(interceptors, i => i is OutboxNotifyInterceptor);
    }

    [Fact]
    public async Task A_DbContext_without_the_messaging_tables_fails_at_startup()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddDbContext<BareDbContext>(o => o.UseNpgsql("Host=127.0.0.1"));
        builder.AddEventBus<BareDbContext>("kafka", o =>
        {
            o.ServiceName = "bare";
            o.BootstrapServers = "127.0.0.1:9092";
            o.Topics = TestBus.Registry("bare.events");
        });
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync(TestContext.Current.CancellationToken));
        Assert.Contains("AddMessagingTables", error.Message);
    }

    public sealed class BareDbContext(DbContextOptions<BareDbContext> options) : DbContext(options);
}
