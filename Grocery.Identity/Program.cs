using Grocery.Identity;
using Grocery.Persistence;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddIdentity();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapIdentityApi();

await app.RunWithMigrationsAsync(args);

public partial class Program;
