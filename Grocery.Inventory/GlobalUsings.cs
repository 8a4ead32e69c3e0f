global using Grocery.Inventory.Data;
global using Grocery.ServiceDefaults;
global using Microsoft.EntityFrameworkCore;
