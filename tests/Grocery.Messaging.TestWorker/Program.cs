using Grocery.Messaging.TestWorker;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// Child process for crash tests: GROCERY_MESSAGING_FAULT stops it at a chosen point to be SIGKILLed.
// Usage: <database> <kafka> <topic> <group> relay|consumer
var settings = new TestBusSettings(args[0], args[1], args[2], args[3], Relay: args[4] == "relay", Consumer: args[4] == "consumer");
var builder = Host.CreateApplicationBuilder();
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.AddTestBus(settings);
using var host = builder.Build();
await host.StartAsync();
Console.Out.WriteLine("STARTED");
Console.Out.Flush();
await host.WaitForShutdownAsync();
