using Grocery.Messaging.DeadLetters;
using Grocery.Ordering;
using Grocery.Persistence;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddOrdering();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapOrderingApi();
app.MapDeadLetterApi();

await app.RunWithMigrationsAsync(args);

public partial class Program;
