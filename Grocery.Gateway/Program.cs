using Grocery.Gateway.Edge;
using Grocery.Gateway.GraphQL;
using Grocery.Gateway.OpenApi;
using Grocery.Gateway.Routing;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddGatewayTransport();
builder.AddGatewayEdge();
builder.AddGatewayReverseProxy();
builder.AddServiceDocuments();
builder.AddStorefrontGraphQL();

var app = builder.Build();

app.UseGatewayEdgeHeaders();
app.MapDefaultEndpoints();
app.UseGatewayEdgeLimits();
app.MapServiceDocuments();
app.MapStorefrontGraphQL();
app.MapReverseProxy();

app.Run();

public partial class Program;
