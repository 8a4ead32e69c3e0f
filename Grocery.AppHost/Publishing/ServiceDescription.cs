using Microsoft.Extensions.Logging.Abstractions;

namespace Grocery.AppHost.Publishing;

/// <summary>One project of the app model as the bundle sees it.</summary>
public sealed record ServiceDescription(
    string Name,
    bool IsPublicEdge,
    IReadOnlyList<KeyValuePair<string, EnvironmentValue>> Environment,
    IReadOnlyList<string> Databases)
{
    public string PortName => IsPublicEdge ? ServiceResourceExtensions.ManagementEndpoint : "http";

    public int ManagementPort => IsPublicEdge ? ServiceEnvironment.ManagementContainerPort : ServiceEnvironment.HttpContainerPort;

    public ServiceSizing Sizing => ServiceSizing.For(Name);

    /// <summary>Reads every project of the model with its environment rendered as in Aspire's manifest.</summary>
    public static async Task<IReadOnlyList<ServiceDescription>> ReadAllAsync(DistributedApplicationModel model, CancellationToken cancellationToken)
    {
        var parameters = new Dictionary<string, string>();
        foreach (var parameter in model.Resources.OfType<ParameterResource>().Where(p => !p.Secret))
        {
            parameters[parameter.Name] = await parameter.GetValueAsync(cancellationToken) ?? "";
        }
        var environment = new ServiceEnvironment(parameters);
        var databases = model.Resources.OfType<PostgresDatabaseResource>().Select(d => d.Name).ToHashSet();

        var referenceNames = model.Resources.Select(r => r.Name.ToUpperInvariant().Replace('-', '_') + "_").ToList();
        var services = new List<ServiceDescription>();
        foreach (var project in model.Resources.OfType<ProjectResource>().OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            var configuration = await ExecutionConfigurationBuilder.Create(project)
                .WithEnvironmentVariablesConfig()
                .BuildAsync(new(DistributedApplicationOperation.Publish), NullLogger.Instance, cancellationToken);
            if (configuration.Exception is not null) throw configuration.Exception;

            var variables = configuration.EnvironmentVariables
                .Where(v => v.Value is not null && !IsAlternativeForm(v.Key, v.Value, referenceNames))
                .Select(v => KeyValuePair.Create(v.Key, environment.Translate(v.Key, v.Value!)))
                .ToList();
            var isEdge = project.Annotations.OfType<EndpointAnnotation>().Any(e => e.Name == ServiceResourceExtensions.ManagementEndpoint);
            var used = variables.Where(v => v.Value is SecretValue { SecretName: ServiceEnvironment.ConnectionsSecret } s && databases.Contains(s.Key))
                .Select(v => ((SecretValue)v.Value).Key)
                .Order(StringComparer.Ordinal)
                .ToList();
            services.Add(new ServiceDescription(project.Name, isEdge, variables, used));
        }
        return services;
    }

    /// <summary>
    /// Aspire also hands each reference out as <c>CATALOGDB_HOST</c>, <c>CATALOGDB_URI</c>… for
    /// non-.NET clients, and every project's https endpoint. The services read only
    /// <c>ConnectionStrings__*</c> and <c>services__*__http__*</c>; TLS ends at the ingress, and the
    /// URI forms would put a password inside a value that cannot be a Secret reference.
    /// </summary>
    private static bool IsAlternativeForm(string key, string value, IReadOnlyList<string> referenceNames) =>
        value.Contains(".bindings.https.", StringComparison.Ordinal)
        || referenceNames.Any(prefix => key.StartsWith(prefix, StringComparison.Ordinal));
}
