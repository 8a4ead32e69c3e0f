global using Grocery.Identity.Data;
global using Grocery.ServiceDefaults;
global using Microsoft.AspNetCore.Http.HttpResults;
global using Microsoft.EntityFrameworkCore;
global using Grocery.ServiceDefaults.Throttling;
