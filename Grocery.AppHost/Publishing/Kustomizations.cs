namespace Grocery.AppHost.Publishing;

/// <summary>
/// kustomization.yaml files and their patches. Patches are strategic-merge patches, one object per
/// file, so any kustomize (kubectl apply -k, Argo CD, Flux) applies them the same way.
/// </summary>
public static class Kustomizations
{
    public const string ApiVersion = "kustomize.config.k8s.io/v1beta1";
    public const string VaultSecretsDirectory = "/vault/secrets";
    public const string VaultConnectionsPath = "secret/data/grocery/connections";
    public const string VaultParametersPath = "secret/data/grocery/parameters";
    public const string VaultDirectConnectionsPath = "secret/data/grocery/connections-direct";

    public static Dictionary<string, object> Base(KubernetesBundleOptions options, IReadOnlyList<string> resources) => new()
    {
        ["apiVersion"] = ApiVersion,
        ["kind"] = "Kustomization",
        ["namespace"] = options.Namespace,
        ["resources"] = resources.ToList(),
    };

    /// <summary>Staging: one replica of everything, half the resources, its own host. Production: the capacity plan and Vault.</summary>
    public static IEnumerable<KeyValuePair<string, string>> Overlays(IReadOnlyList<ServiceDescription> services, KubernetesBundleOptions options)
    {
        var stagingHost = $"staging.{options.Host}";
        foreach (var (overlay, host) in new[] { ("staging", stagingHost), ("production", options.Host) })
        {
            var folder = $"{KubernetesBundle.Overlays}/{overlay}";
            var patches = new List<string>();
            foreach (var service in services)
            {
                var sizing = overlay == "staging"
                    ? new ServiceSizing(1, 2, Half(service.Sizing.CpuRequest), service.Sizing.MemoryRequest, service.Sizing.CpuLimit, service.Sizing.MemoryLimit)
                    : service.Sizing;
                patches.Add($"patches/{service.Name}-deployment.yaml");
                yield return File(folder, patches[^1], DeploymentPatch(service, sizing));
                patches.Add($"patches/{service.Name}-hpa.yaml");
                yield return File(folder, patches[^1], new Dictionary<string, object>
                {
                    ["apiVersion"] = "autoscaling/v2",
                    ["kind"] = "HorizontalPodAutoscaler",
                    ["metadata"] = new Dictionary<string, object> { ["name"] = service.Name },
                    ["spec"] = new Dictionary<string, object> { ["minReplicas"] = sizing.MinReplicas, ["maxReplicas"] = sizing.MaxReplicas },
                });
                if (!service.IsPublicEdge) continue;
                patches.Add($"patches/{service.Name}-ingress.yaml");
                yield return File(folder, patches[^1], new Dictionary<string, object>
                {
                    ["apiVersion"] = "networking.k8s.io/v1",
                    ["kind"] = "Ingress",
                    ["metadata"] = new Dictionary<string, object> { ["name"] = service.Name },
                    ["spec"] = new Dictionary<string, object>
                    {
                        ["tls"] = new List<object> { new Dictionary<string, object> { ["hosts"] = new List<object> { host }, ["secretName"] = EdgeObjects.TlsSecret } },
                        ["rules"] = new List<object> { EdgeObjects.Rule(service, host) },
                    },
                });
            }
            var kustomization = new Dictionary<string, object>
            {
                ["apiVersion"] = ApiVersion,
                ["kind"] = "Kustomization",
                ["resources"] = new List<object> { $"../../{KubernetesBundle.Base}" },
                ["patches"] = patches.Select(p => (object)new Dictionary<string, object> { ["path"] = p }).ToList(),
            };
            if (overlay == "production") kustomization["components"] = new List<object> { $"../../{KubernetesBundle.VaultComponent}" };
            yield return File(folder, "kustomization.yaml", kustomization);
        }
    }

    /// <summary>
    /// Secrets from Vault: the Agent injector renders one file per configuration key into
    /// /vault/secrets, ServiceDefaults reads them with the key-per-file provider, and the Secret
    /// references of the base become optional, so no Kubernetes Secret has to exist.
    /// </summary>
    public static IEnumerable<KeyValuePair<string, string>> Vault(IReadOnlyList<ServiceDescription> services, KubernetesBundleOptions options)
    {
        var patches = new List<string>();
        foreach (var service in services)
        {
            var secrets = KubernetesObjects.SecretEnvironment(service, options, migration: false);
            if (secrets.Count == 0) continue;
            patches.Add($"patches/{service.Name}-deployment.yaml");
            yield return File(KubernetesBundle.VaultComponent, patches[^1],
                VaultPatch("apps/v1", "Deployment", service.Name, service.Name, service, secrets, prePopulateOnly: false));
            foreach (var database in service.Databases)
            {
                var job = KubernetesObjects.MigrationJobName(database, options.Tag);
                patches.Add($"patches/{job}.yaml");
                // A Job completes only when every container exits: the agent renders the files once and leaves.
                yield return File(KubernetesBundle.VaultComponent, patches[^1],
                    VaultPatch("batch/v1", "Job", job, "migrate", service, KubernetesObjects.SecretEnvironment(service, options, migration: true), prePopulateOnly: true));
            }
        }
        yield return File(KubernetesBundle.VaultComponent, "kustomization.yaml", new Dictionary<string, object>
        {
            ["apiVersion"] = "kustomize.config.k8s.io/v1alpha1",
            ["kind"] = "Component",
            ["patches"] = patches.Select(p => (object)new Dictionary<string, object> { ["path"] = p }).ToList(),
        });
    }

    private static Dictionary<string, object> VaultPatch(string apiVersion, string kind, string name, string container, ServiceDescription service,
        IReadOnlyList<KeyValuePair<string, EnvironmentValue>> secrets, bool prePopulateOnly)
    {
        var annotations = new Dictionary<string, object>
        {
            ["vault.hashicorp.com/agent-inject"] = "true",
            ["vault.hashicorp.com/role"] = $"grocery-{service.Name}",
            ["vault.hashicorp.com/agent-run-as-user"] = "1654",
        };
        if (prePopulateOnly) annotations["vault.hashicorp.com/agent-pre-populate-only"] = "true";
        foreach (var (key, value) in secrets)
        {
            var secret = (SecretValue)value;
            var path = secret.SecretName switch
            {
                ServiceEnvironment.ConnectionsSecret => VaultConnectionsPath,
                ServiceEnvironment.DirectConnectionsSecret => VaultDirectConnectionsPath,
                _ => VaultParametersPath,
            };
            annotations[$"vault.hashicorp.com/agent-inject-secret-{key}"] = path;
            annotations[$"vault.hashicorp.com/agent-inject-template-{key}"] =
                $"{{{{- with secret \"{path}\" -}}}}{{{{ index .Data.data \"{secret.Key}\" }}}}{{{{- end -}}}}";
        }
        var env = secrets.Select(v => (object)new Dictionary<string, object>
        {
            ["name"] = v.Key,
            ["valueFrom"] = new Dictionary<string, object>
            {
                ["secretKeyRef"] = new Dictionary<string, object>
                {
                    ["name"] = ((SecretValue)v.Value).SecretName,
                    ["key"] = ((SecretValue)v.Value).Key,
                    ["optional"] = true,
                },
            },
        }).ToList();
        env.Add(new Dictionary<string, object> { ["name"] = "KeyPerFile__Directory", ["value"] = VaultSecretsDirectory });
        return new Dictionary<string, object>
        {
            ["apiVersion"] = apiVersion,
            ["kind"] = kind,
            ["metadata"] = new Dictionary<string, object> { ["name"] = name },
            ["spec"] = new Dictionary<string, object>
            {
                ["template"] = new Dictionary<string, object>
                {
                    ["metadata"] = new Dictionary<string, object> { ["annotations"] = annotations },
                    ["spec"] = new Dictionary<string, object>
                    {
                        ["containers"] = new List<object> { new Dictionary<string, object> { ["name"] = container, ["env"] = env } },
                    },
                },
            },
        };
    }

    private static Dictionary<string, object> DeploymentPatch(ServiceDescription service, ServiceSizing sizing) => new()
    {
        ["apiVersion"] = "apps/v1",
        ["kind"] = "Deployment",
        ["metadata"] = new Dictionary<string, object> { ["name"] = service.Name },
        ["spec"] = new Dictionary<string, object>
        {
            ["replicas"] = sizing.MinReplicas,
            ["template"] = new Dictionary<string, object>
            {
                ["spec"] = new Dictionary<string, object>
                {
                    ["containers"] = new List<object>
                    {
                        new Dictionary<string, object>
                        {
                            ["name"] = service.Name,
                            ["resources"] = new Dictionary<string, object>
                            {
                                ["requests"] = new Dictionary<string, object> { ["cpu"] = sizing.CpuRequest, ["memory"] = sizing.MemoryRequest },
                                ["limits"] = new Dictionary<string, object> { ["cpu"] = sizing.CpuLimit, ["memory"] = sizing.MemoryLimit },
                            },
                        },
                    },
                },
            },
        },
    };

    private static string Half(string cpu) =>
        cpu.EndsWith('m') ? $"{int.Parse(cpu[..^1], System.Globalization.CultureInfo.InvariantCulture) / 2}m" : $"{int.Parse(cpu, System.Globalization.CultureInfo.InvariantCulture) * 500}m";

    private static KeyValuePair<string, string> File(string folder, string path, object content) =>
        KeyValuePair.Create($"{folder}/{path}", KubernetesBundle.Yaml(content));
}
