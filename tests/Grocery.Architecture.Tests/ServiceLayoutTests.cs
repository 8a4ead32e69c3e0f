using System.Reflection;
using System.Xml.Linq;
using Grocery.Messaging;
using Microsoft.Extensions.Hosting;

namespace Grocery.Architecture.Tests;

/// <summary>The house plan every service follows (docs/development.md, "Layout of a service").</summary>
public sealed class ServiceLayoutTests
{
    [Theory]
    [MemberData(nameof(ServiceAssemblies.Names), MemberType = typeof(ServiceAssemblies))]
    public void Integration_event_handlers_are_named_after_their_event_and_live_in_IntegrationEvents(string service)
    {
        Assert.Empty(Violations(Rules.HandlerNamedAfterEvent, HandlerViolations(service)));
    }

    [Theory]
    [MemberData(nameof(ServiceAssemblies.Names), MemberType = typeof(ServiceAssemblies))]
    public void Hosted_services_live_in_Background(string service)
    {
        Assert.Empty(Violations(Rules.HostedServiceInBackground, HostedServiceViolations(service)));
    }

    [Theory]
    [MemberData(nameof(ServiceAssemblies.Names), MemberType = typeof(ServiceAssemblies))]
    public void Classes_that_map_endpoints_live_in_Apis(string service)
    {
        Assert.Empty(Violations(Rules.MapApiInApis, MapApiViolations(service)));
    }

    [Fact]
    public void Every_known_exception_still_breaks_its_rule_so_the_list_only_shrinks()
    {
        var current = ServiceAssemblies.ByName.Keys
            .SelectMany(s => HandlerViolations(s).Select(t => (Rules.HandlerNamedAfterEvent, t))
                .Concat(HostedServiceViolations(s).Select(t => (Rules.HostedServiceInBackground, t)))
                .Concat(MapApiViolations(s).Select(t => (Rules.MapApiInApis, t))))
            .ToHashSet();
        Assert.All(KnownExceptions.Entries, e => Assert.Contains(e, current));
    }

    [Fact]
    public void The_rules_see_every_service_s_handlers_hosted_services_and_endpoint_classes()
    {
        // A rule that finds nothing to check passes for the wrong reason.
        foreach (var service in ServiceAssemblies.ByName.Keys)
            Assert.Contains(ServiceAssemblies.Types(service), IsEndpointMapper);
        foreach (var service in new[] { "Catalog", "Inventory", "Delivery", "Ordering" })
            Assert.Contains(ServiceAssemblies.Types(service), t => HandledEvents(t).Any());
        foreach (var service in new[] { "Inventory", "Delivery", "Ordering" })
            Assert.Contains(ServiceAssemblies.Types(service), IsHostedService);
    }

    [Fact]
    public void No_service_project_references_another_service_project()
    {
        var projects = ServiceAssemblies.ByName.Keys.Append("Gateway").Append("Web").Select(s => $"Grocery.{s}").ToHashSet();
        var references = projects.SelectMany(project =>
                XDocument.Load(Path.Combine(ServiceAssemblies.RepositoryRoot, project, project + ".csproj"))
                    .Descendants("ProjectReference")
                    .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', '/')))
                    .Where(projects.Contains)
                    .Select(referenced => $"{project} -> {referenced}"))
            .ToList();
        Assert.Empty(references);
    }

    private static IEnumerable<string> HandlerViolations(string service) =>
        ServiceAssemblies.Types(service)
            .Where(t => HandledEvents(t).Any())
            .Where(t => HandledEvents(t).Count() != 1
                || t.Name != HandlerName(HandledEvents(t).Single())
                || !InFolder(t, "IntegrationEvents"))
            .Select(t => t.FullName!);

    private static IEnumerable<string> HostedServiceViolations(string service) =>
        ServiceAssemblies.Types(service).Where(IsHostedService).Where(t => !InFolder(t, "Background")).Select(t => t.FullName!);

    private static IEnumerable<string> MapApiViolations(string service) =>
        ServiceAssemblies.Types(service).Where(IsEndpointMapper).Where(t => !InFolder(t, "Apis")).Select(t => t.FullName!);

    private static IEnumerable<Type> HandledEvents(Type type) =>
        type.IsClass && !type.IsAbstract
            ? type.GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IIntegrationEventHandler<>))
                .Select(i => i.GetGenericArguments()[0])
            : [];

    private static string HandlerName(Type integrationEvent) =>
        (integrationEvent.Name.EndsWith("IntegrationEvent", StringComparison.Ordinal)
            ? integrationEvent.Name[..^"IntegrationEvent".Length]
            : integrationEvent.Name) + "Handler";

    private static bool IsHostedService(Type type) => type.IsClass && !type.IsAbstract && typeof(IHostedService).IsAssignableFrom(type);

    /// <summary>
    /// A static class with a public Map…Api method. The service's Extensions class is its composition
    /// root: its Map&lt;Service&gt;Api only calls the Apis classes, so it stays at the root.
    /// </summary>
    private static bool IsEndpointMapper(Type type) =>
        type is { IsAbstract: true, IsSealed: true } && type.Name != "Extensions"
        && type.GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Any(m => m.Name.StartsWith("Map", StringComparison.Ordinal) && m.Name.EndsWith("Api", StringComparison.Ordinal));

    private static bool InFolder(Type type, string folder) => type.Namespace!.Split('.').Contains(folder);

    private static List<string> Violations(string rule, IEnumerable<string> found) => found.Except(KnownExceptions.For(rule)).ToList();
}
