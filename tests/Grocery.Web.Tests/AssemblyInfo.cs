using Grocery.Web.Tests.Journeys;

// One running system and one browser per test assembly: starting them costs far more than any test.
[assembly: AssemblyFixture(typeof(StorefrontFixture))]
