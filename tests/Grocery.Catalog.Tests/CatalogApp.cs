using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Grocery.Catalog.Tests;

/// <summary>One in-process catalog host on the given database, Redis and (optionally) Kafka.</summary>
public sealed class CatalogApp(string database, string redis, string? kafka, IReadOnlyDictionary<string, string?> identity,
    IReadOnlyDictionary<string, string?>? settings = null) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:catalogdb", database);
        builder.UseSetting("ConnectionStrings:cache", redis);
        builder.UseSetting("ConnectionStrings:kafka", kafka ?? "");
        builder.UseSetting("Messaging:ConsumerGroup", "catalog-tests");
        builder.UseSetting("Catalog:SeedSampleData", "false");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        foreach (var (key, value) in identity) builder.UseSetting(key, value);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) builder.UseSetting(key, value);
    }
}
