using Grocery.AppHost;
using Grocery.AppHost.Infrastructure;
using Grocery.AppHost.Publishing;
using Grocery.ServiceDefaults;

var builder = DistributedApplication.CreateBuilder(args);

var infrastructure = builder.AddGroceryInfrastructure();
var firestore = builder.AddGroceryFirestore(infrastructure.Mode);
var issuer = builder.Configuration["Identity:Issuer"] ?? "https://identity.grocery.local";

// The first admin comes from parameters; the password is generated once and kept in the
// AppHost's user secrets, never written into the repository.
var adminEmail = builder.AddParameter(ResourceNames.BootstrapAdminEmail, "admin@grocery.local", publishValueAsDefault: true);
var adminPassword = builder.AddParameter(ResourceNames.BootstrapAdminPassword,
    new GenerateParameterDefault { MinLength = 24, MinLower = 2, MinUpper = 2, MinNumeric = 2, Special = false },
    secret: true, persist: true);

var identity = builder.AddProject<Projects.Grocery_Identity>(ResourceNames.Identity)
    .WithDependency(infrastructure.Database(ResourceNames.IdentityDb))
    .WithDependency(infrastructure.Cache)
    .WithDependency(infrastructure.Kafka)
    .WithEnvironment("Identity__BootstrapAdmin__Email", adminEmail)
    .WithEnvironment("Identity__BootstrapAdmin__Password", adminPassword)
    .AsGroceryService(identity: null, issuer);

var catalog = builder.AddProject<Projects.Grocery_Catalog>(ResourceNames.Catalog)
    .WithDependency(infrastructure.Database(ResourceNames.CatalogDb))
    .WithDependency(infrastructure.Cache)
    .WithDependency(infrastructure.Kafka)
    .AsGroceryService(identity, issuer);

var inventory = builder.AddProject<Projects.Grocery_Inventory>(ResourceNames.Inventory)
    .WithDependency(infrastructure.Database(ResourceNames.InventoryDb))
    .WithDependency(infrastructure.Kafka)
    .WithFirestore(firestore)
    .AsGroceryService(identity, issuer);

var delivery = builder.AddProject<Projects.Grocery_Delivery>(ResourceNames.Delivery)
    .WithDependency(infrastructure.Database(ResourceNames.DeliveryDb))
    .WithDependency(infrastructure.Kafka)
    .WithFirestore(firestore)
    .WithCarrierCredentials()
    .AsGroceryService(identity, issuer);

var ordering = builder.AddProject<Projects.Grocery_Ordering>(ResourceNames.Ordering)
    .WithDependency(infrastructure.Database(ResourceNames.OrderingDb))
    .WithDependency(infrastructure.Cache)
    .WithDependency(infrastructure.Kafka)
    .WithDependency(catalog)
    .WithDependency(inventory)
    .WithDependency(delivery)
    .WithStripeWhenConfigured()
    .AsGroceryService(identity, issuer);

// Delivery reads drop-off addresses from Ordering, but only from event handlers and the drivers' list, which
// retry; it cannot wait for Ordering, which waits for it, so this reference has no wait.
delivery.WithReference(ordering);

var notifications = builder.AddGroceryNotifications(infrastructure, identity, issuer);

// Services that call others on their own behalf (event handlers, background jobs) with a service token.
foreach (var serviceClient in new[] { ordering, delivery, notifications })
{
    serviceClient.AsServiceClientOf(identity);
}

var gateway = builder.AddProject<Projects.Grocery_Gateway>(ResourceNames.Gateway)
    .WithDependency(infrastructure.Cache)
    .WithDependency(notifications)
    .WithDependency(catalog)
    .WithDependency(inventory)
    .WithDependency(delivery)
    .WithDependency(ordering)
    .AsPublicEdge(identity, issuer);

builder.AddProject<Projects.Grocery_Web>(ResourceNames.Web)
    .WithDependency(infrastructure.Cache)
    .WithDependency(infrastructure.Kafka)
    .WithDependency(catalog)
    .WithDependency(ordering)
    .WithDependency(delivery)
    .WithDependency(gateway)
    .WithStripePublishableKeyWhenConfigured()
    .AsPublicEdge(identity, issuer);

var app = builder.Build();
// ./grocery.sh publish: the Kubernetes bundle beside Aspire's manifest, from this same model.
await app.WriteIfRequestedAsync(builder);
app.Run();
