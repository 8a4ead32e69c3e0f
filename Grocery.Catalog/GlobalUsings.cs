global using Grocery.Catalog.Data;
global using Grocery.ServiceDefaults;
global using Microsoft.AspNetCore.Http.HttpResults;
global using Microsoft.EntityFrameworkCore;
global using Npgsql;
global using NpgsqlTypes;
