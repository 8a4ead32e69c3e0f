global using Grocery.Messaging;
