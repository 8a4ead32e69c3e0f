using Grocery.AppHost.Publishing;
using k8s.Models;

namespace Grocery.Deploy.Tests;

public sealed class WorkloadTests(Bundle bundle)
{
    public static TheoryData<string> Targets => [.. Bundle.Targets];

    [Theory]
    [MemberData(nameof(Targets))]
    public void Every_project_of_the_AppHost_is_a_Deployment_with_probes_resources_and_a_locked_down_container(string target)
    {
        Assert.Superset(new HashSet<string>([.. ResourceNames.Services, ResourceNames.Gateway, ResourceNames.Web]), bundle.Projects.ToHashSet());
        foreach (var project in bundle.Projects)
        {
            var deployment = bundle.One<V1Deployment>(target, "Deployment", project);
            var pod = deployment.Spec.Template.Spec;
            var container = Assert.Single(pod.Containers);

            Assert.Equal($"{Bundle.Registry}/grocery-{project}:{Bundle.Tag}", container.Image);
            Assert.Equal("/alive", container.StartupProbe.HttpGet.Path);
            Assert.Equal("/alive", container.LivenessProbe.HttpGet.Path);
            Assert.Equal("/health", container.ReadinessProbe.HttpGet.Path);
            foreach (var kind in new[] { "cpu", "memory" })
            {
                Assert.True(container.Resources.Requests.ContainsKey(kind), $"{project} requests no {kind}");
                Assert.True(container.Resources.Limits.ContainsKey(kind), $"{project} has no {kind} limit");
            }
            Assert.True(pod.SecurityContext.RunAsNonRoot);
            Assert.NotEqual(0, pod.SecurityContext.RunAsUser);
            Assert.True(container.SecurityContext.ReadOnlyRootFilesystem);
            Assert.False(container.SecurityContext.AllowPrivilegeEscalation);
            Assert.Equal(["ALL"], container.SecurityContext.Capabilities.Drop);
            Assert.True(container.Lifecycle.PreStop.Sleep.Seconds > 0);
            Assert.True(pod.TerminationGracePeriodSeconds > container.Lifecycle.PreStop.Sleep.Seconds);
            Assert.Contains(pod.Volumes, v => v.EmptyDir is not null && container.VolumeMounts.Any(m => m.Name == v.Name && m.MountPath == "/tmp"));
        }
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void Every_project_scales_on_cpu_and_keeps_pods_through_voluntary_disruptions(string target)
    {
        foreach (var project in bundle.Projects)
        {
            var deployment = bundle.One<V1Deployment>(target, "Deployment", project);
            var autoscaler = bundle.One<V2HorizontalPodAutoscaler>(target, "HorizontalPodAutoscaler", project);
            var budget = bundle.One<V1PodDisruptionBudget>(target, "PodDisruptionBudget", project);

            Assert.Equal("autoscaling/v2", autoscaler.ApiVersion);
            Assert.Equal(("Deployment", project), (autoscaler.Spec.ScaleTargetRef.Kind, autoscaler.Spec.ScaleTargetRef.Name));
            Assert.InRange(autoscaler.Spec.MinReplicas!.Value, 1, autoscaler.Spec.MaxReplicas);
            Assert.Equal(autoscaler.Spec.MinReplicas, deployment.Spec.Replicas);
            Assert.Contains(autoscaler.Spec.Metrics, m => m.Type == "Resource" && m.Resource.Name == "cpu" && m.Resource.Target.AverageUtilization > 0);
            Assert.Equal("policy/v1", budget.ApiVersion);
            Assert.Equal(deployment.Spec.Selector.MatchLabels, budget.Spec.Selector.MatchLabels);
            Assert.All(budget.Spec.Selector.MatchLabels, label => Assert.Equal(label.Value, deployment.Spec.Template.Metadata.Labels[label.Key]));
        }
    }

    [Fact]
    public void Catalog_gateway_and_web_also_scale_on_requests_per_second_served_by_prometheus_adapter()
    {
        var adapterRules = File.ReadAllText(Path.Combine(bundle.Directory, KubernetesBundle.ObservabilityFolder, "prometheus-adapter.yaml"));
        foreach (var project in bundle.Projects)
        {
            var autoscaler = bundle.One<V2HorizontalPodAutoscaler>("production", "HorizontalPodAutoscaler", project);
            var pods = autoscaler.Spec.Metrics.Where(m => m.Type == "Pods").ToList();
            if (project is ResourceNames.Catalog or ResourceNames.Gateway or ResourceNames.Web)
            {
                var metric = Assert.Single(pods).Pods;
                Assert.Equal("AverageValue", metric.Target.Type);
                Assert.Contains($"as: {metric.Metric.Name}", adapterRules);
            }
            else
            {
                Assert.Empty(pods);
            }
        }
    }

    [Fact]
    public void Public_edges_are_probed_and_scraped_on_their_management_port_and_the_others_on_their_one_port()
    {
        foreach (var project in bundle.Projects)
        {
            var deployment = bundle.One<V1Deployment>("base", "Deployment", project);
            var container = deployment.Spec.Template.Spec.Containers[0];
            var edge = project is ResourceNames.Gateway or ResourceNames.Web;
            var probePort = edge ? "management" : "http";

            Assert.Equal(probePort, container.StartupProbe.HttpGet.Port.Value);
            Assert.Equal(probePort, container.LivenessProbe.HttpGet.Port.Value);
            Assert.Equal(probePort, container.ReadinessProbe.HttpGet.Port.Value);
            var scraped = container.Ports.Single(p => p.Name == probePort).ContainerPort;
            Assert.Equal(scraped.ToString(System.Globalization.CultureInfo.InvariantCulture), deployment.Spec.Template.Metadata.Annotations["prometheus.io/port"]);
            var settings = bundle.One<V1ConfigMap>("base", "ConfigMap", $"{project}-settings");
            if (edge)
            {
                Assert.Equal(scraped.ToString(System.Globalization.CultureInfo.InvariantCulture), settings.Data["Management__Port"]);
                Assert.NotEqual(scraped, container.Ports.Single(p => p.Name == "http").ContainerPort);
            }
            else
            {
                Assert.False(settings.Data.ContainsKey("Management__Port"));
            }
        }
    }

    [Fact]
    public void Services_behind_the_edge_believe_forwarded_addresses_from_the_pod_network_and_edges_from_the_ingress_controller()
    {
        foreach (var project in bundle.Projects)
        {
            var settings = bundle.One<V1ConfigMap>("base", "ConfigMap", $"{project}-settings").Data;
            var edge = project is ResourceNames.Gateway or ResourceNames.Web;

            Assert.Equal(edge ? Bundle.IngressNetwork : Bundle.PodNetwork, settings["ForwardedHeaders__KnownNetworks__0"]);
            Assert.DoesNotContain(settings.Keys, k => k.StartsWith("ForwardedHeaders__KnownProxies", StringComparison.Ordinal));
            // ASP.NET Core's switch would believe every sender.
            Assert.Equal("false", settings["ASPNETCORE_FORWARDEDHEADERS_ENABLED"]);
        }
    }

    [Fact]
    public void Every_connection_a_service_reads_is_set_and_names_a_Secret_or_a_generated_Service()
    {
        var services = bundle.All<V1Service>("base", "Service").ToDictionary(s => s.Metadata.Name);
        foreach (var project in bundle.Projects)
        {
            var expected = bundle.Manifest.GetProperty("resources").GetProperty(project).GetProperty("env").EnumerateObject()
                .Select(e => e.Name)
                .Where(k => k.StartsWith("ConnectionStrings__", StringComparison.Ordinal)
                    || (k.StartsWith("services__", StringComparison.Ordinal) && !k.Contains("__https__", StringComparison.Ordinal)))
                .ToList();
            Assert.NotEmpty(expected);
            var container = bundle.One<V1Deployment>("base", "Deployment", project).Spec.Template.Spec.Containers[0];
            var settings = bundle.One<V1ConfigMap>("base", "ConfigMap", $"{project}-settings").Data;
            foreach (var key in expected)
            {
                if (key.StartsWith("ConnectionStrings__", StringComparison.Ordinal))
                {
                    var secret = Assert.Single(container.Env, e => e.Name == key).ValueFrom.SecretKeyRef;
                    Assert.Equal(ServiceEnvironment.ConnectionsSecret, secret.Name);
                    Assert.Equal(key["ConnectionStrings__".Length..], secret.Key);
                }
                else
                {
                    var target = new Uri(settings[key]);
                    var service = services[target.Host];
                    Assert.Contains(service.Spec.Ports, p => p.Port == target.Port);
                }
            }
        }
    }

    [Fact]
    public void No_secret_value_is_written_and_no_Secret_object_is_generated()
    {
        var files = System.IO.Directory.GetFiles(bundle.Directory, "*", SearchOption.AllDirectories);
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            foreach (var (name, value) in bundle.SecretValues)
            {
                Assert.False(text.Contains(value, StringComparison.Ordinal), $"{file} contains the value of {name}");
            }
            // Aspire's manifest names the parameter ({postgres-password.value}); a value would follow directly.
            Assert.DoesNotMatch(@"(?i)password=(?!\{)", text);
        }
        foreach (var target in Bundle.Targets)
        {
            Assert.DoesNotContain(bundle.Documents(target), d => d.GetProperty("kind").GetString() == "Secret");
        }
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void Every_rendered_document_validates_against_the_Kubernetes_schemas(string target)
    {
        Assert.Empty(bundle.ValidationErrors);
        Assert.True(bundle.Documents(target).Count >= bundle.Projects.Count * 5, $"{target} has only {bundle.Documents(target).Count} documents");
        Assert.True(bundle.ValidatedDocuments >= Bundle.Targets.Sum(t => bundle.Documents(t).Count));
    }
}
