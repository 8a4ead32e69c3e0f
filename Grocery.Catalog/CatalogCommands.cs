using Grocery.Catalog.Importing;
using Grocery.Catalog.SampleData;
using Grocery.Persistence;

namespace Grocery.Catalog;

/// <summary>
/// Command-line forms: <c>generate-catalog --out FILE [--count N] [--seed S]</c> writes the sample CSV;
/// <c>import-catalog FILE</c> migrates, then imports a CSV and prints errors by line.
/// </summary>
public static class CatalogCommands
{
    public static bool IsGenerate(string[] args) => args.Length > 0 && args[0] == "generate-catalog";
    public static bool IsImport(string[] args) => args.Length > 0 && args[0] == "import-catalog";

    public static async Task<int> GenerateAsync(string[] args)
    {
        var output = Option(args, "--out") ?? "catalog.csv";
        var count = int.Parse(Option(args, "--count") ?? "50000", System.Globalization.CultureInfo.InvariantCulture);
        var seed = int.Parse(Option(args, "--seed") ?? "20261126", System.Globalization.CultureInfo.InvariantCulture);
        await using var writer = new StreamWriter(output, false, new System.Text.UTF8Encoding(false));
        await CatalogGenerator.WriteCsvAsync(writer, count, seed);
        Console.WriteLine($"Wrote {count} products to {output}");
        return 0;
    }

    public static async Task<int> ImportAsync(WebApplication app, string[] args)
    {
        if (args.Length < 2) { Console.Error.WriteLine("usage: import-catalog FILE.csv"); return 2; }
        foreach (var migrator in app.Services.GetServices<IDatabaseMigrator>()) await migrator.MigrateAsync(CancellationToken.None);
        await using var scope = app.Services.CreateAsyncScope();
        using var reader = new StreamReader(args[1]);
        var result = await scope.ServiceProvider.GetRequiredService<ProductImporter>().ImportAsync(reader, publishEvents: true, CancellationToken.None);
        foreach (var e in result.Errors) Console.Error.WriteLine($"line {e.Line}: {e.Field}: {e.Message}");
        Console.WriteLine(result.Succeeded
            ? $"Imported {result.Rows} rows: {result.Created} created, {result.Updated} updated, {result.Unchanged} unchanged"
            : $"{result.Errors.Count} errors; nothing was imported");
        return result.Succeeded ? 0 : 1;
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
