using Grocery.Inventory;
using Grocery.Persistence;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddInventory();

var app = builder.Build();

app.MapDefaultEndpoints();

await app.RunWithMigrationsAsync(args);
