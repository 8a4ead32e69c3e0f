using Grocery.Web.Components;
using Grocery.Web.Services;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.Services.AddRazorComponents();
builder.Services.AddHttpClient<CatalogClient>(client => client.BaseAddress = new Uri($"https+http://{ResourceNames.Catalog}"));

var app = builder.Build();

app.MapDefaultEndpoints();
app.UseAntiforgery();
app.MapStaticAssets();
app.MapRazorComponents<App>();

app.Run();
