global using Grocery.Notifications.Data;
global using Grocery.ServiceDefaults;
global using Microsoft.EntityFrameworkCore;
global using Grocery.Persistence;
