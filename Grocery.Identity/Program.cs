using Grocery.Identity;
using Grocery.Persistence;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddIdentity();

var app = builder.Build();

app.MapDefaultEndpoints();

await app.RunWithMigrationsAsync(args);
