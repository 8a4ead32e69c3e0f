using Grocery.Catalog;
using Grocery.Catalog.Apis;
using Grocery.Persistence;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddCatalog();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapCategoriesApi();

await app.RunWithMigrationsAsync(args);
