using Grocery.Web;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddStorefront();

var app = builder.Build();

app.UseForbiddenPage();
app.MapDefaultEndpoints();
app.MapStorefront();

app.Run();

public partial class Program;
