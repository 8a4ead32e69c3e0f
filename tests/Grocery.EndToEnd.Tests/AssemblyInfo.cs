using Grocery.EndToEnd.Tests;

// One running system per test assembly: starting it costs far more than any test.
[assembly: AssemblyFixture(typeof(GroceryAppFixture))]
