using System.Net;

namespace Grocery.EndToEnd.Tests;

public sealed class DatabaseOutageTests(GroceryAppFixture system)
{
    [Fact]
    public async Task Stopping_postgres_makes_a_service_unready_but_alive_and_starting_it_makes_it_ready_again()
    {
        var ct = TestContext.Current.CancellationToken;
        using var catalog = system.CreateHttpClient(ResourceNames.Catalog);
        Assert.Equal(HttpStatusCode.OK, (await catalog.GetAsync("/health", ct)).StatusCode);

        try
        {
            await system.App.StopResourceAsync(ResourceNames.Postgres, ct);

            var unready = await Eventually.Until(
                async () => (await catalog.GetAsync("/health", ct)).StatusCode,
                status => status != HttpStatusCode.OK,
                within: TimeSpan.FromSeconds(10));
            Assert.NotEqual(HttpStatusCode.OK, unready);
            Assert.Equal(HttpStatusCode.OK, (await catalog.GetAsync("/alive", ct)).StatusCode);
        }
        finally
        {
            await system.App.StartResourceAsync(ResourceNames.Postgres, ct);
        }

        var ready = await Eventually.Until(
            async () => (await catalog.GetAsync("/health", ct)).StatusCode,
            status => status == HttpStatusCode.OK,
            within: TimeSpan.FromSeconds(60), every: TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, ready);
        // Every other service recovers too before the next test uses the system; probing each
        // one's readiness makes it drop connections opened before the restart.
        foreach (var service in new[] { ResourceNames.Identity, ResourceNames.Inventory, ResourceNames.Ordering, ResourceNames.Delivery })
        {
            using var http = system.CreateHttpClient(service);
            await Eventually.Until(async () => (await http.GetAsync("/health", ct)).StatusCode,
                status => status == HttpStatusCode.OK, within: TimeSpan.FromSeconds(60), every: TimeSpan.FromSeconds(1));
        }
        foreach (var name in GroceryAppFixture.HealthCheckedResources)
        {
            await system.App.ResourceNotifications.WaitForResourceHealthyAsync(name, ct).WaitAsync(TimeSpan.FromSeconds(90), ct);
        }
    }
}
