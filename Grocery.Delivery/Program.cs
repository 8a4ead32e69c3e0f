using Grocery.Delivery;
using Grocery.Persistence;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddDelivery();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapDeliveryApi();

await app.RunWithMigrationsAsync(args);

public partial class Program;
