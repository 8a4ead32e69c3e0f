using System.Text.Json.Nodes;

namespace Grocery.EndToEnd.Tests.Hardening;

/// <summary>One operation of a service's OpenAPI document, which the service builds from its own endpoint data source.</summary>
public sealed record SweptEndpoint(
    string Service, string Method, string Template, IReadOnlyList<SweptParameter> Parameters, JsonNode? BodySchema)
{
    public string Key => $"{Method} {Template}";

    public IEnumerable<SweptParameter> InPath => Parameters.Where(p => p.In == "path");

    public IEnumerable<SweptParameter> InQuery => Parameters.Where(p => p.In == "query");

    public override string ToString() => Key;
}

public sealed record SweptParameter(string Name, string In, JsonNode? Schema);
