global using Grocery.Contracts;
global using Grocery.Ordering.Data;
global using Grocery.Ordering.Domain;
global using Grocery.ServiceDefaults;
global using Microsoft.EntityFrameworkCore;
