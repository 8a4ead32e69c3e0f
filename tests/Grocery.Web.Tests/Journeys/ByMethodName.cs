using Xunit.Sdk;
using Xunit.v3;

namespace Grocery.Web.Tests.Journeys;

/// <summary>Runs a class's tests in the order of their names, for journeys where a later one disturbs the system.</summary>
public sealed class ByMethodName : ITestCaseOrderer
{
    public IReadOnlyCollection<TTestCase> OrderTestCases<TTestCase>(IReadOnlyCollection<TTestCase> testCases)
        where TTestCase : notnull, ITestCase =>
        [.. testCases.OrderBy(t => t.TestMethodName, StringComparer.Ordinal)];
}
