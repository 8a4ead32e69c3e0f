using Grocery.Gateway.Edge;
using Grocery.Gateway.OpenApi;
using Grocery.Gateway.Routing;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddGatewayEdge();
builder.AddGatewayReverseProxy();
builder.AddServiceDocuments();

var app = builder.Build();

app.UseGatewayEdgeHeaders();
app.MapDefaultEndpoints();
app.UseGatewayEdgeLimits();
app.MapServiceDocuments();
app.MapReverseProxy();

app.Run();

public partial class Program;
