using Grocery.Firestore.Projection;
using Grocery.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Grocery.Firestore.Tests;

public sealed class FirestoreProjectionRegistrationTests
{
    [Fact]
    public async Task Without_Firestore_configured_the_service_gets_no_flusher_and_reports_the_projection_degraded()
    {
        using var host = Build(new Dictionary<string, string?>());

        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(TestContext.Current.CancellationToken);

        Assert.Null(host.Services.GetService<IFirestoreClient>());
        Assert.DoesNotContain(host.Services.GetServices<IHostedService>(), s => s is LiveDocumentFlusher<ProjectionDbContext>);
        Assert.Equal(HealthStatus.Degraded, report.Entries[FirestoreProjectionStatus.HealthCheckName].Status);
    }

    [Fact]
    public async Task With_an_emulator_configured_the_flusher_runs_and_the_projection_is_healthy_until_a_write_fails()
    {
        using var host = Build(new Dictionary<string, string?> { ["FIRESTORE_EMULATOR_HOST"] = "127.0.0.1:1" });
        var status = host.Services.GetRequiredService<FirestoreProjectionStatus>();

        var healthy = await status.CheckHealthAsync(new HealthCheckContext(), TestContext.Current.CancellationToken);
        status.Failed(new InvalidOperationException("unreachable"));
        var failing = await status.CheckHealthAsync(new HealthCheckContext(), TestContext.Current.CancellationToken);
        status.Succeeded(written: 1);
        var recovered = await status.CheckHealthAsync(new HealthCheckContext(), TestContext.Current.CancellationToken);

        Assert.Equal("127.0.0.1:1", host.Services.GetRequiredService<IOptions<FirestoreOptions>>().Value.EmulatorHost);
        Assert.NotNull(host.Services.GetService<IFirestoreClient>());
        Assert.Contains(host.Services.GetServices<IHostedService>(), s => s is LiveDocumentFlusher<ProjectionDbContext>);
        Assert.Equal((HealthStatus.Healthy, HealthStatus.Degraded, HealthStatus.Healthy), (healthy.Status, failing.Status, recovered.Status));
    }

    private static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing", ApplicationName = "Grocery.Inventory" });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Configuration["ConnectionStrings:kafka"] = "127.0.0.1:1";
        builder.Services.AddDbContext<ProjectionDbContext>(o => o.UseNpgsql("Host=127.0.0.1;Port=1"));
        builder.AddEventBus<ProjectionDbContext>("kafka").ProjectStockLevelsToFirestore<ProjectionDbContext>();
        // Built, never started: registration is what is checked.
        return builder.Build();
    }
}
