using Grocery.AppHost.Publishing;

namespace Grocery.Deploy.Tests;

public sealed class ObservabilityTests(Bundle bundle)
{
    private string Folder => Path.Combine(bundle.Directory, KubernetesBundle.ObservabilityFolder);

    [Fact]
    public async Task Promtool_accepts_the_alert_rules()
    {
        var result = await Tool.RunAsync("promtool", ["check", "rules", "alert-rules.yml"], Folder, TimeSpan.FromMinutes(1));

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("SUCCESS", result.Output);
    }

    [Fact]
    public async Task Promtool_accepts_the_scrape_configuration_and_the_rules_it_loads()
    {
        var result = await Tool.RunAsync("promtool", ["check", "config", "prometheus.yml"], Folder, TimeSpan.FromMinutes(1));
        if (result.ExitCode != 0)
        {
            // Debian builds promtool without Kubernetes service discovery. Then the one thing it may
            // refuse is that block; everything else (relabelling, rule files, the rules) is checked
            // on a copy that names its targets statically instead.
            Assert.Matches(@"field kubernetes_sd_configs not found", result.Output);
            Assert.Single(System.Text.RegularExpressions.Regex.Matches(result.Output, "not found"));
            var copy = Path.Combine(Folder, "prometheus-without-kubernetes-sd.yml");
            var text = File.ReadAllText(Path.Combine(Folder, "prometheus.yml"));
            File.WriteAllText(copy, System.Text.RegularExpressions.Regex.Replace(text,
                @"kubernetes_sd_configs:\n(?:\s{6,}.*\n)+", "static_configs:\n      - targets: [\"catalog:8080\"]\n"));
            result = await Tool.RunAsync("promtool", ["check", "config", Path.GetFileName(copy)], Folder, TimeSpan.FromMinutes(1));
            File.Delete(copy);
        }

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("SUCCESS: 1 rule files found", result.Output);
        Assert.Contains("alert-rules.yml", result.Output);
    }

    [Fact]
    public void The_rules_and_dashboards_shipped_as_ConfigMaps_are_the_checked_files()
    {
        var rules = bundle.One<k8s.Models.V1ConfigMap>("base", "ConfigMap", "grocery-alert-rules");
        var dashboards = bundle.One<k8s.Models.V1ConfigMap>("base", "ConfigMap", "grocery-dashboards");

        Assert.Equal(File.ReadAllText(Path.Combine(Folder, "alert-rules.yml")), rules.Data["alert-rules.yml"]);
        var files = Directory.GetFiles(Path.Combine(Folder, "dashboards"), "*.json");
        Assert.NotEmpty(files);
        Assert.Equal(files.Select(Path.GetFileName).Order(), dashboards.Data.Keys.Order());
        foreach (var file in files)
        {
            var dashboard = System.Text.Json.JsonDocument.Parse(File.ReadAllText(file)).RootElement;
            Assert.NotEmpty(dashboard.GetProperty("panels").EnumerateArray());
            Assert.Equal(dashboard.GetRawText(), System.Text.Json.JsonDocument.Parse(dashboards.Data[Path.GetFileName(file)!]).RootElement.GetRawText());
        }
    }

    [Fact]
    public void The_optional_stacks_scrape_with_the_checked_configuration_and_create_every_database()
    {
        var prometheus = bundle.One<k8s.Models.V1ConfigMap>("observability", "ConfigMap", "prometheus-config");
        var init = bundle.One<k8s.Models.V1ConfigMap>("in-cluster-data", "ConfigMap", "postgres-init").Data["databases.sql"];

        Assert.Equal(File.ReadAllText(Path.Combine(Folder, "prometheus.yml")), prometheus.Data["prometheus.yml"]);
        Assert.All(ResourceNames.Databases, database => Assert.Contains($"CREATE DATABASE \"{database}\";", init));
        // What the services' connection strings and the collector's exporters name.
        foreach (var (component, service) in new[] { ("in-cluster-data", ResourceNames.Postgres), ("in-cluster-data", ResourceNames.Cache),
                     ("in-cluster-data", ResourceNames.Kafka), ("observability", "jaeger"), ("observability", "loki"), ("observability", "prometheus") })
        {
            Assert.Single(bundle.All<k8s.Models.V1Service>(component, "Service"), s => s.Metadata.Name == service);
        }
        Assert.Contains("jaeger:4317", File.ReadAllText(Path.Combine(Folder, "otel-collector.yaml")));
    }
}
