global using Grocery.Delivery.Data;
global using Grocery.ServiceDefaults;
global using Microsoft.EntityFrameworkCore;
global using Grocery.Persistence;
