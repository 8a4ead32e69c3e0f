global using System.Net;
global using System.Net.Http.Json;
global using Grocery.Inventory.Data;
global using Grocery.Inventory.Stock;
global using Grocery.ServiceDefaults;
global using Microsoft.EntityFrameworkCore;
global using Microsoft.Extensions.DependencyInjection;
global using Xunit;
