using Grocery.AppHost.Publishing;
using k8s.Models;

namespace Grocery.Deploy.Tests;

public sealed class RolloutTests(Bundle bundle)
{
    [Fact]
    public void Every_database_has_one_migration_Job_running_its_services_migrate_command()
    {
        var jobs = bundle.All<V1Job>("base", "Job").ToList();

        Assert.Equal(ResourceNames.Databases.Count, jobs.Count);
        foreach (var database in ResourceNames.Databases)
        {
            var job = Assert.Single(jobs, j => j.Metadata.Name == KubernetesObjects.MigrationJobName(database, Bundle.Tag));
            var container = Assert.Single(job.Spec.Template.Spec.Containers);
            var owner = bundle.One<V1Deployment>("base", "Deployment", job.Metadata.Labels["app.kubernetes.io/name"]);

            Assert.Equal(["migrate"], container.Args);
            Assert.Equal(owner.Spec.Template.Spec.Containers[0].Image, container.Image);
            // A pooler in transaction mode cannot hold the migration's session advisory lock.
            Assert.Equal(ServiceEnvironment.DirectConnectionsSecret, Assert.Single(container.Env, e => e.Name == $"ConnectionStrings__{database}").ValueFrom.SecretKeyRef.Name);
            Assert.Equal("Never", job.Spec.Template.Spec.RestartPolicy);
            Assert.Null(job.Spec.Template.Spec.InitContainers);
            Assert.True(container.SecurityContext.ReadOnlyRootFilesystem);
        }
    }

    [Fact]
    public void A_rollout_waits_for_the_migration_Job_of_its_database_and_never_migrates_on_start()
    {
        foreach (var deployment in bundle.All<V1Deployment>("base", "Deployment").Where(d => bundle.Projects.Contains(d.Metadata.Name)))
        {
            var pod = deployment.Spec.Template.Spec;
            var databases = pod.Containers[0].Env?.Select(e => e.Name)
                .Where(n => n.StartsWith("ConnectionStrings__", StringComparison.Ordinal))
                .Select(n => n["ConnectionStrings__".Length..])
                .Where(ResourceNames.Databases.Contains)
                .ToList() ?? [];
            var settings = bundle.One<V1ConfigMap>("base", "ConfigMap", $"{deployment.Metadata.Name}-settings").Data;
            if (databases.Count == 0)
            {
                Assert.Null(pod.InitContainers);
                continue;
            }

            Assert.Equal("false", settings["Database__MigrateOnStartup"]);
            foreach (var database in databases)
            {
                var job = KubernetesObjects.MigrationJobName(database, Bundle.Tag);
                // Init containers run to completion, in order, before the service's container starts.
                var wait = Assert.Single(pod.InitContainers, c => c.Args.Contains($"job/{job}"));
                Assert.Equal(["wait", "--for=condition=complete"], wait.Args.Take(2));
                Assert.Single(bundle.All<V1Job>("base", "Job"), j => j.Metadata.Name == job);
            }

            // kubectl wait reads the Job through the pod's service account, which may read Jobs and nothing else.
            Assert.True(pod.AutomountServiceAccountToken);
            var binding = Assert.Single(bundle.All<V1RoleBinding>("base", "RoleBinding"), b => b.Subjects.Any(s => s.Name == pod.ServiceAccountName));
            var role = bundle.One<V1Role>("base", "Role", binding.RoleRef.Name);
            var rule = Assert.Single(role.Rules);
            Assert.Equal(["batch"], rule.ApiGroups);
            Assert.Equal(["jobs"], rule.Resources);
            Assert.DoesNotContain(rule.Verbs, v => v is "create" or "update" or "patch" or "delete");
        }
    }

    [Fact]
    public void Overlays_give_staging_and_production_their_own_replicas_resources_and_hosts()
    {
        foreach (var project in bundle.Projects)
        {
            var staging = bundle.One<V1Deployment>("staging", "Deployment", project);
            var production = bundle.One<V1Deployment>("production", "Deployment", project);

            Assert.True(staging.Spec.Replicas < production.Spec.Replicas || staging.Spec.Replicas == 1);
            Assert.True(bundle.One<V2HorizontalPodAutoscaler>("staging", "HorizontalPodAutoscaler", project).Spec.MaxReplicas
                < bundle.One<V2HorizontalPodAutoscaler>("production", "HorizontalPodAutoscaler", project).Spec.MaxReplicas);
            Assert.NotEqual(staging.Spec.Template.Spec.Containers[0].Resources.Requests["cpu"], production.Spec.Template.Spec.Containers[0].Resources.Requests["cpu"]);
        }
        foreach (var edge in new[] { ResourceNames.Gateway, ResourceNames.Web })
        {
            Assert.Equal($"staging.{Bundle.Host}", Assert.Single(bundle.One<V1Ingress>("staging", "Ingress", edge).Spec.Rules).Host);
            Assert.Equal(Bundle.Host, Assert.Single(bundle.One<V1Ingress>("production", "Ingress", edge).Spec.Rules).Host);
            Assert.Equal([$"staging.{Bundle.Host}"], Assert.Single(bundle.One<V1Ingress>("staging", "Ingress", edge).Spec.Tls).Hosts);
        }
    }

    [Fact]
    public void Production_reads_its_secrets_from_files_the_Vault_agent_writes_and_staging_from_Kubernetes_Secrets()
    {
        var workloads = bundle.All<V1Deployment>("production", "Deployment").Where(d => bundle.Projects.Contains(d.Metadata.Name))
            .Select(d => (d.Metadata.Name, d.Spec.Template, IsJob: false))
            .Concat(bundle.All<V1Job>("production", "Job").Select(j => (j.Metadata.Name, j.Spec.Template, IsJob: true)));
        var checkedSecrets = 0;
        foreach (var (name, template, isJob) in workloads)
        {
            var container = template.Spec.Containers[0];
            var secrets = container.Env?.Where(e => e.ValueFrom?.SecretKeyRef is not null).ToList() ?? [];
            if (secrets.Count == 0) continue;
            var annotations = template.Metadata.Annotations;

            Assert.Equal("true", annotations["vault.hashicorp.com/agent-inject"]);
            Assert.Equal(Kustomizations.VaultSecretsDirectory, Assert.Single(container.Env!, e => e.Name == "KeyPerFile__Directory").Value);
            foreach (var secret in secrets)
            {
                // The file's name is the configuration key; the Secret reference stays only as an optional fallback.
                Assert.True(secret.ValueFrom.SecretKeyRef.Optional, $"{name}: {secret.Name} still needs a Kubernetes Secret");
                Assert.Contains($"\"{secret.ValueFrom.SecretKeyRef.Key}\"", annotations[$"vault.hashicorp.com/agent-inject-template-{secret.Name}"]);
                Assert.True(annotations.ContainsKey($"vault.hashicorp.com/agent-inject-secret-{secret.Name}"));
                checkedSecrets++;
            }
            Assert.Equal(isJob, annotations.TryGetValue("vault.hashicorp.com/agent-pre-populate-only", out var only) && only == "true");
        }
        Assert.True(checkedSecrets > 10);

        foreach (var deployment in bundle.All<V1Deployment>("staging", "Deployment").Where(d => bundle.Projects.Contains(d.Metadata.Name)))
        {
            Assert.False(deployment.Spec.Template.Metadata.Annotations?.ContainsKey("vault.hashicorp.com/agent-inject") ?? false);
            Assert.All(deployment.Spec.Template.Spec.Containers[0].Env?.Where(e => e.ValueFrom?.SecretKeyRef is not null) ?? [],
                e => Assert.NotEqual(true, e.ValueFrom.SecretKeyRef.Optional));
        }
    }

    [Theory]
    [InlineData("base")]
    [InlineData("production")]
    public void Pods_reach_their_database_through_PgBouncer_and_hold_session_locks_and_LISTEN_on_a_direct_connection(string target)
    {
        var deployments = bundle.All<V1Deployment>(target, "Deployment").Where(d => bundle.Projects.Contains(d.Metadata.Name)).ToList();
        var withDatabase = 0;
        foreach (var deployment in deployments)
        {
            var pod = deployment.Spec.Template;
            var env = pod.Spec.Containers[0].Env ?? [];
            var databases = env.Select(e => e.Name).Where(n => n.StartsWith("ConnectionStrings__", StringComparison.Ordinal))
                .Select(n => n["ConnectionStrings__".Length..]).Where(ResourceNames.Databases.Contains).ToList();
            foreach (var database in databases)
            {
                withDatabase++;
                var pooled = Assert.Single(env, e => e.Name == $"ConnectionStrings__{database}").ValueFrom.SecretKeyRef;
                var direct = Assert.Single(env, e => e.Name == KubernetesObjects.DirectConnectionVariable(database)).ValueFrom.SecretKeyRef;
                Assert.Equal((ServiceEnvironment.ConnectionsSecret, database), (pooled.Name, pooled.Key));
                Assert.Equal((ServiceEnvironment.DirectConnectionsSecret, database), (direct.Name, direct.Key));
                // With the Vault component, the agent writes the same key as a file the key-per-file provider reads.
                var vaultPatch = File.ReadAllText(Path.Combine(bundle.Directory, KubernetesBundle.VaultComponent, "patches", $"{deployment.Metadata.Name}-deployment.yaml"));
                Assert.Contains($"vault.hashicorp.com/agent-inject-secret-{KubernetesObjects.DirectConnectionVariable(database)}: {Kustomizations.VaultDirectConnectionsPath}", vaultPatch);
            }
        }
        Assert.True(withDatabase >= ResourceNames.Databases.Count, $"only {withDatabase} database connections found in {target}");
        // The names the services read (OutboxRelay.DirectConnectionSuffix, CatalogDataSources.DirectConnectionName).
        Assert.Equal("ConnectionStrings__catalogdb-direct", KubernetesObjects.DirectConnectionVariable(ResourceNames.CatalogDb));
    }

    [Fact]
    public void PgBouncer_keeps_every_service_at_its_autoscaling_maximum_within_PostgreSQLs_connections()
    {
        var ini = bundle.One<V1ConfigMap>("pgbouncer", "ConfigMap", PgBouncer.Name).Data["pgbouncer.ini"];
        var settings = ini.Split('\n').Select(l => l.Split(" = ", 2)).Where(p => p.Length == 2).ToDictionary(p => p[0].Trim(), p => p[1].Trim());
        var databases = ResourceNames.Databases.Select(d => Assert.Single(ini.Split('\n'), l => l.StartsWith($"{d} = ", StringComparison.Ordinal))).ToList();
        int Setting(string key) => int.Parse(settings[key], System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal("transaction", settings["pool_mode"]);
        var server = databases.Count * (Setting("default_pool_size") + Setting("reserve_pool_size"));
        var direct = 0;
        var clients = 0;
        foreach (var deployment in bundle.All<V1Deployment>("production", "Deployment").Where(d => bundle.Projects.Contains(d.Metadata.Name)))
        {
            var owned = deployment.Spec.Template.Spec.InitContainers?.Count ?? 0;
            if (owned == 0) continue;
            var maxReplicas = bundle.One<V2HorizontalPodAutoscaler>("production", "HorizontalPodAutoscaler", deployment.Metadata.Name).Spec.MaxReplicas;
            // LISTEN (outbox relay, and Catalog's cache invalidation) needs a session of its own.
            direct += maxReplicas * (deployment.Metadata.Name == ResourceNames.Catalog ? 2 : 1);
            clients += maxReplicas * PgBouncer.ClientPoolPerPod * owned;
        }
        direct += ResourceNames.Databases.Count; // one migration Job per database

        Assert.True(server + direct <= PgBouncer.PostgresMaxConnections - PgBouncer.PostgresSuperuserReserved,
            $"{server} pooled + {direct} direct connections exceed max_connections {PgBouncer.PostgresMaxConnections}");
        Assert.True(clients <= Setting("max_client_conn"), $"{clients} client connections at the HPA maxima exceed max_client_conn");
    }
}
