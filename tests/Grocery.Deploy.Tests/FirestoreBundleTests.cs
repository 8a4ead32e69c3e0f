using System.Text.Json;
using Grocery.AppHost.Infrastructure;
using Grocery.AppHost.Publishing;
using k8s.Models;

namespace Grocery.Deploy.Tests;

public sealed class FirestoreBundleTests(Bundle bundle)
{
    [Fact]
    public void The_bundle_ships_security_rules_that_let_clients_read_stock_and_slots_and_write_nothing()
    {
        var folder = Path.Combine(bundle.Directory, KubernetesBundle.FirestoreFolder);
        var rules = File.ReadAllText(Path.Combine(folder, "firestore.rules"));
        var firebase = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "firebase.json"))).RootElement;
        var allows = rules.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("allow ", StringComparison.Ordinal)).ToList();

        Assert.Equal("firestore.rules", firebase.GetProperty("firestore").GetProperty("rules").GetString());
        Assert.Contains("match /stock/{document}", rules);
        Assert.Contains("match /slots/{document}", rules);
        Assert.Equal(2, allows.Count(l => l == "allow read: if true;"));
        Assert.All(allows.Where(l => l.Contains("write", StringComparison.Ordinal)), l => Assert.EndsWith("if false;", l));
    }

    [Fact]
    public void Firestore_is_an_external_project_id_handed_to_inventory_and_delivery_not_a_workload()
    {
        foreach (var target in Bundle.Targets)
        {
            Assert.DoesNotContain(bundle.All<V1Deployment>(target, "Deployment"), d => d.Metadata.Name == FirestoreExtensions.ResourceName);
            foreach (var service in new[] { ResourceNames.Inventory, ResourceNames.Delivery })
            {
                var settings = bundle.One<V1ConfigMap>(target, "ConfigMap", KubernetesObjects.SettingsName(service));
                Assert.True(settings.Data.ContainsKey("Firestore__ProjectId"), $"{target}: {service} is not given Firestore__ProjectId");
            }
        }
    }
}
