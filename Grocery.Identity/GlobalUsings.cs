global using Grocery.Identity.Data;
global using Grocery.ServiceDefaults;
global using Microsoft.EntityFrameworkCore;
