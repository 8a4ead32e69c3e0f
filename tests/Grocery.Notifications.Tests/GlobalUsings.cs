global using System.Net;
global using System.Net.Http.Json;
global using Grocery.Notifications.Data;
global using Grocery.ServiceDefaults;
global using Grocery.Testing;
global using Microsoft.EntityFrameworkCore;
global using Microsoft.Extensions.DependencyInjection;
global using Xunit;

[assembly: AssemblyFixture(typeof(Grocery.Notifications.Tests.NotificationsInfrastructure))]
