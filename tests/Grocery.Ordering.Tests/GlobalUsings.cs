global using System.Net;
global using System.Net.Http.Json;
global using Grocery.Contracts;
global using Grocery.Ordering.Domain;
global using Xunit;
