using System.Text.RegularExpressions;

namespace Grocery.AppHost.Publishing;

/// <summary>A value a container gets: written into its ConfigMap, or read from a Secret the bundle only names.</summary>
public abstract record EnvironmentValue;

public sealed record LiteralValue(string Value) : EnvironmentValue;

public sealed record SecretValue(string SecretName, string Key) : EnvironmentValue;

/// <summary>
/// Turns the publish-mode environment of a project (values such as <c>{catalogdb.connectionString}</c>
/// or <c>{identity.bindings.http.url}</c>) into what a pod in the cluster is given: Service DNS
/// names and ports for endpoints, Secret references for connection strings and secret parameters.
/// </summary>
public sealed partial class ServiceEnvironment(IReadOnlyDictionary<string, string> nonSecretParameters)
{
    public const string ConnectionsSecret = "grocery-connections";
    public const string ParametersSecret = "grocery-parameters";

    /// <summary>Connection strings straight to PostgreSQL, for what a transaction-mode pooler cannot carry (migrations, leader locks, LISTEN).</summary>
    public const string DirectConnectionsSecret = "grocery-connections-direct";

    /// <summary>Appended to a database's connection name for its direct (session) connection string.</summary>
    public const string DirectConnectionSuffix = "-direct";

    public const int HttpContainerPort = 8080;
    public const int ManagementContainerPort = 8081;
    public const int HttpServicePort = 80;

    [GeneratedRegex(@"\{(?<resource>[A-Za-z0-9_-]+)\.(?:(?<kind>connectionString|value)|bindings\.(?<endpoint>[A-Za-z0-9_-]+)\.(?<property>url|host|port|targetPort|scheme|hostAndPort))\}")]
    private static partial Regex Expression();

    public EnvironmentValue Translate(string key, string value)
    {
        var matches = Expression().Matches(value);
        if (matches.Count == 1 && matches[0].Value == value && SecretOf(matches[0]) is { } whole) return whole;

        var literal = Expression().Replace(value, match => SecretOf(match) is null
            ? Resolve(match)
            : throw new InvalidOperationException($"{key} mixes a secret into other text ('{value}'); a Secret reference must be the whole value."));
        if (literal.Contains('{') && literal.Contains('}') && Expression().IsMatch(literal))
            throw new InvalidOperationException($"{key}: cannot translate '{value}'.");
        return new LiteralValue(literal);
    }

    private SecretValue? SecretOf(Match match) => match.Groups["kind"].Value switch
    {
        "connectionString" => new SecretValue(ConnectionsSecret, match.Groups["resource"].Value),
        "value" when !nonSecretParameters.ContainsKey(match.Groups["resource"].Value) => new SecretValue(ParametersSecret, match.Groups["resource"].Value),
        _ => null,
    };

    private string Resolve(Match match)
    {
        var resource = match.Groups["resource"].Value;
        if (match.Groups["kind"].Value == "value") return nonSecretParameters[resource];

        var endpoint = match.Groups["endpoint"].Value;
        var management = endpoint == ServiceResourceExtensions.ManagementEndpoint;
        var servicePort = management ? ManagementContainerPort : HttpServicePort;
        return match.Groups["property"].Value switch
        {
            "url" => management ? $"http://{resource}:{servicePort}" : $"http://{resource}",
            "host" => resource,
            "port" => servicePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "hostAndPort" => $"{resource}:{servicePort}",
            "targetPort" => (management ? ManagementContainerPort : HttpContainerPort).ToString(System.Globalization.CultureInfo.InvariantCulture),
            "scheme" => "http",
            var other => throw new InvalidOperationException($"Unknown endpoint property '{other}'."),
        };
    }
}
