global using Grocery.Ordering.Data;
global using Grocery.ServiceDefaults;
global using Microsoft.EntityFrameworkCore;
