namespace Grocery.Architecture.Tests;

/// <summary>
/// Where a service does not follow the plan yet (issue 13: one house plan). Each entry is a type that
/// breaks one rule today; the rule's test ignores it, and a test fails once it is fixed, so the list
/// only shrinks. It is empty now: every service follows the plan.
/// </summary>
public static class KnownExceptions
{
    public static readonly IReadOnlyList<(string Rule, string Type)> Entries =
    [
    ];

    public static IEnumerable<string> For(string rule) => Entries.Where(e => e.Rule == rule).Select(e => e.Type);
}

public static class Rules
{
    public const string HandlerNamedAfterEvent = "an integration event handler is named <Event>Handler and lives in IntegrationEvents";
    public const string HostedServiceInBackground = "a hosted service lives in Background";
    public const string MapApiInApis = "a class mapping endpoints (Map…Api) lives in Apis";
}
