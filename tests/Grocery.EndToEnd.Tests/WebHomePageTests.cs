using Npgsql;

namespace Grocery.EndToEnd.Tests;

public sealed class WebHomePageTests(GroceryAppFixture system)
{
    [Fact]
    public async Task A_category_written_to_the_catalog_database_appears_on_the_home_page()
    {
        var name = $"Rau củ e2e {Guid.NewGuid():N}"[..24];
        var slug = $"rau-cu-e2e-{Guid.NewGuid():N}";
        await using (var db = new NpgsqlConnection(await system.DirectConnectionStringAsync(ResourceNames.CatalogDb)))
        {
            await db.OpenAsync(TestContext.Current.CancellationToken);
            // Catalog invalidates its cached listings with a NOTIFY in the writing transaction; a
            // write made outside the service sends the same signal, as its own writes do.
            await using var insert = new NpgsqlCommand("""
                INSERT INTO categories (name, slug, sort_order) VALUES (@name, @slug, 0);
                SELECT pg_notify('catalog_cache', 'listings');
                """, db);
            insert.Parameters.AddWithValue("name", name);
            insert.Parameters.AddWithValue("slug", slug);
            await insert.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }
        using var web = system.CreateHttpClient(ResourceNames.Web);

        // The catalog may cache its category tree briefly, so the page is polled.
        var page = await Eventually.Until(
            () => web.GetStringAsync("/", TestContext.Current.CancellationToken),
            html => html.Contains(System.Net.WebUtility.HtmlEncode(name)) || html.Contains(name),
            within: TimeSpan.FromSeconds(90), every: TimeSpan.FromSeconds(1));

        Assert.Contains(slug, page);
    }
}
