using System.Text.RegularExpressions;
using Grocery.Contracts.Ordering;
using Grocery.Messaging.Topics;

namespace Grocery.Architecture.Tests;

/// <summary>
/// Every event in the topic registry is published by some service and consumed by some service,
/// unless <see cref="EventMapAllowList"/> says why not (consumed outside the system, or the open issue
/// that adds the missing side). A service publishes an event when its code constructs one (read from its
/// IL, so target-typed <c>new(...)</c> counts), and consumes it when its source registers a handler with
/// <c>AddSubscription&lt;XxxIntegrationEvent,</c> or <c>AddBroadcastSubscription&lt;XxxIntegrationEvent,</c>.
/// </summary>
public sealed partial class EventMapTests
{
    private static readonly IReadOnlyList<Type> Events = GroceryTopics.Registry.Events.Select(e => e.EventType).OrderBy(t => t.Name).ToList();

    private static readonly Lazy<EventMap> Map = new(EventMap.Scan);

    [Fact]
    public void Every_integration_event_in_the_contracts_has_a_topic()
    {
        GroceryTopics.Registry.EnsureDeclaresAll(typeof(OrderPlacedIntegrationEvent).Assembly);
    }

    [Fact]
    public void The_scan_finds_the_publishers_and_consumers_it_is_meant_to_find()
    {
        // Guards the scan itself: were its patterns or folders wrong, every event would look unpublished and unconsumed.
        Assert.Contains("Ordering", Map.Value.Publishers["OrderPlacedIntegrationEvent"]);
        Assert.Contains("Inventory", Map.Value.Publishers["StockLevelChangedIntegrationEvent"]);
        Assert.Contains("Grocery.Inventory", Map.Value.Consumers["OrderPlacedIntegrationEvent"]);
        Assert.Contains("Grocery.Catalog", Map.Value.Consumers["ProductPriceChangedIntegrationEvent"]);
    }

    [Fact]
    public void Every_event_has_a_publisher_unless_the_allow_list_says_why_not()
    {
        var missing = Events.Where(e => !Map.Value.Publishers.ContainsKey(e.Name) && !EventMapAllowList.WithoutPublisher.ContainsKey(e)).Select(e => e.Name).ToList();
        Assert.True(missing.Count == 0, $"No service publishes {string.Join(", ", missing)}: publish it, or list it in EventMapAllowList.WithoutPublisher with the reason.");
    }

    [Fact]
    public void Every_event_has_a_consumer_unless_the_allow_list_says_why_not()
    {
        var missing = Events.Where(e => !Map.Value.Consumers.ContainsKey(e.Name) && !EventMapAllowList.WithoutConsumer.ContainsKey(e)).Select(e => e.Name).ToList();
        Assert.True(missing.Count == 0, $"No service consumes {string.Join(", ", missing)}: consume it, or list it in EventMapAllowList.WithoutConsumer with the reason.");
    }

    [Fact]
    public void The_allow_list_holds_only_events_that_still_need_it()
    {
        var published = EventMapAllowList.WithoutPublisher.Keys.Where(e => Map.Value.Publishers.ContainsKey(e.Name)).Select(e => e.Name);
        var consumed = EventMapAllowList.WithoutConsumer.Keys.Where(e => Map.Value.Consumers.ContainsKey(e.Name)).Select(e => e.Name);
        var stale = published.Select(e => $"{e} (now published)").Concat(consumed.Select(e => $"{e} (now consumed)")).ToList();
        Assert.True(stale.Count == 0, $"Remove from EventMapAllowList: {string.Join(", ", stale)}.");
    }

    [Fact]
    public void Every_allow_list_entry_gives_a_reason()
    {
        Assert.All(EventMapAllowList.WithoutPublisher.Concat(EventMapAllowList.WithoutConsumer), e => Assert.False(string.IsNullOrWhiteSpace(e.Value), e.Key.Name));
    }

    /// <summary>Event type name → the services that publish it, and → the projects (top-level Grocery.* folders) that consume it.</summary>
    private sealed record EventMap(IReadOnlyDictionary<string, HashSet<string>> Publishers, IReadOnlyDictionary<string, HashSet<string>> Consumers)
    {
        /// <summary>Projects that only carry events for others (the contracts, the bus) publish and consume nothing themselves.</summary>
        private static readonly string[] NotServices = ["Grocery.Contracts", "Grocery.Messaging"];

        public static EventMap Scan()
        {
            var names = Events.Select(e => e.Name).ToHashSet();
            var publishers = new Dictionary<string, HashSet<string>>();
            foreach (var (service, assembly) in ServiceAssemblies.ByName)
                foreach (var type in ConstructedTypes.In(assembly).Where(Events.Contains))
                    (publishers.TryGetValue(type.Name, out var services) ? services : publishers[type.Name] = []).Add(service);
            var consumers = new Dictionary<string, HashSet<string>>();
            var projects = Directory.GetDirectories(ServiceAssemblies.RepositoryRoot, "Grocery.*")
                .Where(d => Directory.GetFiles(d, "*.csproj").Length > 0 && !NotServices.Contains(Path.GetFileName(d)));
            foreach (var project in projects)
            {
                var name = Path.GetFileName(project);
                foreach (var file in Directory.EnumerateFiles(project, "*.cs", SearchOption.AllDirectories)
                             .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(p => p is "bin" or "obj")))
                {
                    Record(consumers, Subscribed().Matches(File.ReadAllText(file)), names, name);
                }
            }
            return new(publishers, consumers);
        }

        private static void Record(Dictionary<string, HashSet<string>> map, MatchCollection matches, HashSet<string> names, string project)
        {
            foreach (var type in matches.Select(m => m.Groups["type"].Value).Where(names.Contains))
                (map.TryGetValue(type, out var projects) ? projects : map[type] = []).Add(project);
        }
    }

    [GeneratedRegex(@"\bAdd(?:Broadcast)?Subscription<\s*(?:[\w.]+\.)?(?<type>\w+IntegrationEvent)\s*,")]
    private static partial Regex Subscribed();
}
