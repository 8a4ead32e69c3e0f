using Grocery.Notifications;
using Grocery.Persistence;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddNotifications();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapNotificationsApi();

await app.RunWithMigrationsAsync(args);

public partial class Program;
