using Grocery.AppHost;
using Grocery.AppHost.Infrastructure;
using Grocery.ServiceDefaults;

var builder = DistributedApplication.CreateBuilder(args);

var infrastructure = builder.AddGroceryInfrastructure();
var issuer = builder.Configuration["Identity:Issuer"] ?? "https://identity.grocery.local";

var identity = builder.AddProject<Projects.Grocery_Identity>(ResourceNames.Identity)
    .WithDependency(infrastructure.Database(ResourceNames.IdentityDb))
    .WithDependency(infrastructure.Cache)
    .WithDependency(infrastructure.Kafka)
    .AsGroceryService(identity: null, issuer);

var catalog = builder.AddProject<Projects.Grocery_Catalog>(ResourceNames.Catalog)
    .WithDependency(infrastructure.Database(ResourceNames.CatalogDb))
    .WithDependency(infrastructure.Cache)
    .WithDependency(infrastructure.Kafka)
    .AsGroceryService(identity, issuer);

var inventory = builder.AddProject<Projects.Grocery_Inventory>(ResourceNames.Inventory)
    .WithDependency(infrastructure.Database(ResourceNames.InventoryDb))
    .WithDependency(infrastructure.Kafka)
    .AsGroceryService(identity, issuer);

var delivery = builder.AddProject<Projects.Grocery_Delivery>(ResourceNames.Delivery)
    .WithDependency(infrastructure.Database(ResourceNames.DeliveryDb))
    .WithDependency(infrastructure.Kafka)
    .AsGroceryService(identity, issuer);

var ordering = builder.AddProject<Projects.Grocery_Ordering>(ResourceNames.Ordering)
    .WithDependency(infrastructure.Database(ResourceNames.OrderingDb))
    .WithDependency(infrastructure.Cache)
    .WithDependency(infrastructure.Kafka)
    .WithReference(catalog)
    .WithReference(inventory)
    .WithReference(delivery)
    .AsGroceryService(identity, issuer);

var gateway = builder.AddProject<Projects.Grocery_Gateway>(ResourceNames.Gateway)
    .WithReference(catalog)
    .WithReference(inventory)
    .WithReference(delivery)
    .WithReference(ordering)
    .AsGroceryService(identity, issuer)
    .WithExternalHttpEndpoints();

builder.AddProject<Projects.Grocery_Web>(ResourceNames.Web)
    .WithReference(catalog)
    .WaitFor(catalog)
    .WithReference(gateway)
    .AsGroceryService(identity, issuer)
    .WithExternalHttpEndpoints();

builder.Build().Run();
