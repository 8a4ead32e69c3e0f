global using Grocery.Messaging.TestWorker;
global using Xunit;
