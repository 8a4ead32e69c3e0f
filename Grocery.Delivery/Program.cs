using Grocery.Delivery;
using Grocery.Persistence;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddDelivery();

var app = builder.Build();

app.MapDefaultEndpoints();

await app.RunWithMigrationsAsync(args);
