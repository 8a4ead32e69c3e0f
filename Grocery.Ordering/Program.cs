using Grocery.Ordering;
using Grocery.Persistence;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddOrdering();

var app = builder.Build();

app.MapDefaultEndpoints();

await app.RunWithMigrationsAsync(args);
