using Grocery.Gateway.Edge;
using Grocery.Gateway.Routing;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddGatewayEdge();
builder.AddGatewayReverseProxy();

var app = builder.Build();

app.UseGatewayEdgeHeaders();
app.MapDefaultEndpoints();
app.UseGatewayEdgeLimits();
app.MapReverseProxy();

app.Run();

public partial class Program;
