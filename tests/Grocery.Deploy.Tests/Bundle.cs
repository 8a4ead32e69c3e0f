using System.Reflection;
using System.Text.Json;
using k8s;

[assembly: AssemblyFixture(typeof(Grocery.Deploy.Tests.Bundle))]

namespace Grocery.Deploy.Tests;

/// <summary>
/// The Kubernetes bundle, generated once per test run by the AppHost exactly as
/// <c>./grocery.sh publish</c> does, then rendered (base, staging, production) and validated
/// against the Kubernetes OpenAPI schemas by npm's kubernetes-models under Node.
/// </summary>
public sealed class Bundle : IAsyncLifetime
{
    public const string Registry = "registry.test/shop";
    public const string Tag = "1.4.2";
    public const string Host = "shop.test";
    public const string PodNetwork = "10.244.0.0/16";
    public const string IngressNetwork = "10.42.7.0/24";
    public static readonly string[] Targets = ["base", "staging", "production"];

    private string _scratch = "";
    private Dictionary<string, List<JsonElement>> _rendered = [];

    public string Directory { get; private set; } = "";

    /// <summary>Values given to the AppHost's secret parameters: none may be written anywhere.</summary>
    public IReadOnlyDictionary<string, string> SecretValues { get; } = new Dictionary<string, string>
    {
        ["postgres-password"] = "pg-" + Guid.NewGuid().ToString("N"),
        ["cache-password"] = "redis-" + Guid.NewGuid().ToString("N"),
        [ResourceNames.BootstrapAdminPassword] = "admin-" + Guid.NewGuid().ToString("N"),
        [ResourceNames.ServiceClientSecret(ResourceNames.Ordering)] = "ordering-" + Guid.NewGuid().ToString("N"),
        [ResourceNames.ServiceClientSecret(ResourceNames.Delivery)] = "delivery-" + Guid.NewGuid().ToString("N"),
    };

    public JsonElement Manifest { get; private set; }

    public IReadOnlyList<string> ValidationErrors { get; private set; } = [];

    public int ValidatedDocuments { get; private set; }

    public IReadOnlyList<string> Projects => [.. Manifest.GetProperty("resources").EnumerateObject()
        .Where(r => r.Value.GetProperty("type").GetString()!.StartsWith("project.", StringComparison.Ordinal))
        .Select(r => r.Name)];

    public async ValueTask InitializeAsync()
    {
        _scratch = ScratchDirectory.Create("deploy");
        Directory = Path.Combine(_scratch, "bundle");
        await GenerateAsync();
        Manifest = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(Directory, "aspire-manifest.json"))).RootElement;
        await RenderAndValidateAsync();
    }

    public ValueTask DisposeAsync()
    {
        ScratchDirectory.Delete(_scratch);
        return ValueTask.CompletedTask;
    }

    public IReadOnlyList<JsonElement> Documents(string target) => _rendered[target];

    public IEnumerable<T> All<T>(string target, string kind) =>
        _rendered[target].Where(d => d.GetProperty("kind").GetString() == kind).Select(d => KubernetesJson.Deserialize<T>(d.GetRawText()));

    public T One<T>(string target, string kind, string name) =>
        KubernetesJson.Deserialize<T>(_rendered[target]
            .Single(d => d.GetProperty("kind").GetString() == kind && d.GetProperty("metadata").GetProperty("name").GetString() == name)
            .GetRawText());

    private async Task GenerateAsync()
    {
        var configuration = typeof(Bundle).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        var appHostDirectory = Path.Combine(Tool.RepositoryRoot(), "Grocery.AppHost", "bin", configuration, "net10.0");
        List<string> arguments =
        [
            Path.Combine(appHostDirectory, "Grocery.AppHost.dll"),
            "--publisher", "manifest",
            "--output-path", Path.Combine(Directory, "aspire-manifest.json"),
            "--kubernetes-output", Directory,
            $"--Kubernetes:Registry={Registry}",
            $"--Kubernetes:Tag={Tag}",
            $"--Kubernetes:Host={Host}",
            $"--Kubernetes:PodNetwork={PodNetwork}",
            $"--Kubernetes:IngressNetwork={IngressNetwork}",
            .. SecretValues.Select(s => $"--Parameters:{s.Key}={s.Value}"),
        ];
        var result = await Tool.RunAsync("dotnet", arguments, appHostDirectory, TimeSpan.FromMinutes(2));
        Assert.True(result.ExitCode == 0, "The AppHost did not publish:\n" + result.Output);
    }

    private async Task RenderAndValidateAsync()
    {
        var validation = Path.Combine(_scratch, "validation");
        System.IO.Directory.CreateDirectory(validation);
        foreach (var file in System.IO.Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Validation")))
        {
            File.Copy(file, Path.Combine(validation, Path.GetFileName(file)));
        }
        var install = await Tool.RunAsync("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], validation, TimeSpan.FromMinutes(3));
        Assert.True(install.ExitCode == 0, "npm ci failed:\n" + install.Output);

        var output = Path.Combine(validation, "result.json");
        var run = await Tool.RunAsync("node", ["render-and-validate.mjs", Directory, output], validation, TimeSpan.FromMinutes(2));
        Assert.True(run.ExitCode == 0, "The validator failed:\n" + run.Output);

        var result = JsonDocument.Parse(await File.ReadAllTextAsync(output)).RootElement;
        ValidationErrors = [.. result.GetProperty("errors").EnumerateArray().Select(e => e.GetString()!)];
        ValidatedDocuments = result.GetProperty("validated").GetInt32();
        _rendered = result.GetProperty("rendered").EnumerateObject().ToDictionary(t => t.Name, t => t.Value.EnumerateArray().ToList());
    }
}
