global using Grocery.ServiceDefaults;
