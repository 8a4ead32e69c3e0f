using Grocery.Catalog;
using Grocery.Messaging.DeadLetters;
using Grocery.Persistence;

if (CatalogCommands.IsGenerate(args)) return await CatalogCommands.GenerateAsync(args);

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddCatalog();

var app = builder.Build();

if (CatalogCommands.IsImport(args)) return await CatalogCommands.ImportAsync(app, args);

app.MapDefaultEndpoints();
app.MapCatalogApi();
app.MapDeadLetterApi();

await app.RunWithMigrationsAsync(args);
return 0;

public partial class Program;
