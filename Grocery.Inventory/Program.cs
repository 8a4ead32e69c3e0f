using Grocery.Inventory;
using Grocery.Messaging.DeadLetters;
using Grocery.Persistence;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddInventory();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapInventoryApi();
app.MapDeadLetterApi();

await app.RunWithMigrationsAsync(args);

public partial class Program;
