using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Grocery.EndToEnd.Tests.Support;

namespace Grocery.EndToEnd.Tests.Hardening;

/// <summary>
/// Every endpoint behind the gateway, found in the services' own OpenAPI documents, gets malformed
/// bodies, query strings and path values with a token of the role it needs: none may answer 5xx,
/// every 4xx is a ProblemDetails, and each 400 names the field or parameter at fault. One valid
/// request per endpoint must still succeed, so a filter refusing everything fails the sweep.
/// </summary>
public sealed class MalformedInputSweepTests(GroceryAppFixture system)
{
    private static readonly string[] PathValues = ["not-a-guid", "00000000-0000-0000-0000-000000000000", "%00", "-1", "99999999999999999999", "%F0%9F%8D%8C"];

    [Fact]
    public async Task No_malformed_request_through_the_gateway_gets_a_5xx_and_every_400_names_what_is_wrong()
    {
        var ct = TestContext.Current.CancellationToken;
        var endpoints = (await OpenApiEndpoints.ReadAsync(system, ct))
            .Where(e => e.Template.StartsWith("/api/v1/", StringComparison.Ordinal) || e.Template.StartsWith("/.well-known/", StringComparison.Ordinal))
            .ToList();
        var world = await SweepWorld.CreateAsync(system, ct);
        var samples = SweepSamples.For(world);
        var failures = new List<string>();

        var unknown = endpoints.Select(Key).Where(k => !samples.ContainsKey(k)).Distinct().ToList();
        failures.AddRange(unknown.Select(k => $"{k}: no valid request on file in {nameof(SweepSamples)} (it was still swept with a body built from its schema)"));

        // Valid requests first, in their order, so the malformed ones cannot spoil what they need.
        foreach (var endpoint in endpoints.Where(e => samples.ContainsKey(Key(e))).OrderBy(e => samples[Key(e)].Order))
        {
            var sample = samples[Key(endpoint)];
            if (sample.NotSentBecause is not null) continue;
            var response = await SendAsync(endpoint, sample, sample.NewBody()?.ToJsonString() ?? sample.RawBody, Query(sample.QueryValues), sample.Route, ct);
            if (!sample.ExpectedStatuses.Contains(response.StatusCode))
                failures.Add($"{Describe(endpoint)} valid request: {(int)response.StatusCode} {await BodyAsync(response, ct)}");
        }

        var sent = 0;
        foreach (var endpoint in endpoints)
        {
            var sample = samples.GetValueOrDefault(Key(endpoint)) ?? FromSchema(endpoint, world);
            if (sample.NotSentBecause is not null && endpoint.BodySchema is null && !endpoint.InQuery.Any()) continue;
            // What the valid request answers now (a used hold, a deleted address) is not the malformed input's doing.
            var baseline = await RefusedFieldsAsync(await SendAsync(endpoint, sample, sample.NewBody()?.ToJsonString() ?? sample.RawBody, Query(sample.QueryValues), sample.Route, ct), ct);
            foreach (var input in Inputs(endpoint, sample))
            {
                var response = await SendAsync(endpoint, sample, input.Body, input.Query, input.RouteValues ?? sample.Route, ct);
                sent++;
                if (await VerdictAsync(response, input, baseline, ct) is { } problem)
                    failures.Add($"{Describe(endpoint)} {input.Description}: {problem}");
            }
        }

        Assert.True(sent > 1000, $"Only {sent} malformed requests were sent.");
        Assert.True(failures.Count == 0, $"{failures.Count} failures over {sent} malformed requests to {endpoints.Count} endpoints:\n" + string.Join('\n', failures.Take(300)));
    }

    private static IEnumerable<MalformedInput> Inputs(SweptEndpoint endpoint, SweepSample sample)
    {
        var inputs = new List<MalformedInput>();
        var query = Query(sample.QueryValues);
        if (endpoint.BodySchema is not null || sample.NewBody() is not null)
        {
            inputs.AddRange(MalformedInputs.Bodies(
                () => sample.NewBody() ?? (endpoint.BodySchema is { } schema ? MalformedInputs.Skeleton(schema) : new JsonObject()), query));
        }
        if (endpoint.Method == "GET" || endpoint.InQuery.Any())
        {
            inputs.AddRange(MalformedInputs.Queries(sample.QueryValues, endpoint.InQuery.Select(p => p.Name)));
        }
        foreach (var parameter in endpoint.InPath)
        {
            foreach (var value in PathValues)
            {
                var route = new Dictionary<string, string>(sample.Route ?? new Dictionary<string, string>()) { [parameter.Name] = value };
                inputs.Add(new MalformedInput($"{{{parameter.Name}}} = {value}", sample.NewBody()?.ToJsonString() ?? sample.RawBody, query, parameter.Name, route));
            }
        }
        return inputs;
    }

    private static async Task<IReadOnlySet<string>> RefusedFieldsAsync(HttpResponseMessage response, CancellationToken ct)
    {
        if (response.StatusCode != HttpStatusCode.BadRequest || response.Content.Headers.ContentType?.MediaType != "application/problem+json") return new HashSet<string>();
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        return problem.RootElement.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object
            ? errors.EnumerateObject().Select(e => e.Name).ToHashSet()
            : new HashSet<string>();
    }

    private static async Task<string?> VerdictAsync(HttpResponseMessage response, MalformedInput input, IReadOnlySet<string> baseline, CancellationToken ct)
    {
        var status = (int)response.StatusCode;
        if (status >= 500) return $"{status} {await BodyAsync(response, ct)}";
        if (status < 400) return null;
        // Kestrel refuses a NUL in the request target before any application code runs, with an empty 400.
        if (status == 400 && input.RouteValues?.Values.Contains("%00") == true && response.Content.Headers.ContentLength == 0) return null;
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            return $"{status} without a ProblemDetails body ({response.Content.Headers.ContentType?.MediaType ?? "no content type"})";
        if (status != 400 || input.Field is null) return null;

        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        if (!problem.RootElement.TryGetProperty("errors", out var errors) || errors.ValueKind != JsonValueKind.Object)
            return $"400 names no field (expected '{input.Field}'): {problem.RootElement}";
        var names = errors.EnumerateObject().Select(e => e.Name).ToList();
        // A value the service accepts (null for an optional field) leaves the refusal the valid request gets now.
        if (names.Count > 0 && names.All(baseline.Contains)) return null;
        return names.Any(name => Names(name, input.Field)) ? null : $"400 names [{string.Join(", ", names)}], not '{input.Field}'";
    }

    /// <summary>
    /// A field is named when the error's key is that field, a part of its path, or a field inside
    /// it (a whole array refused for one of its elements names the array).
    /// </summary>
    private static bool Names(string key, string field)
    {
        static string Normal(string s) => s.Replace("$.", "").Replace("[0]", "").Replace("[", ".").Replace("]", "").Trim('.').ToLowerInvariant();
        var k = Normal(key);
        var f = Normal(field);
        return k == f || f.StartsWith(k + ".", StringComparison.Ordinal) || k.StartsWith(f + ".", StringComparison.Ordinal)
            || f.EndsWith("." + k, StringComparison.Ordinal) || k.EndsWith("." + f, StringComparison.Ordinal) || k == "$";
    }

    private static async Task<HttpResponseMessage> SendAsync(
        SweptEndpoint endpoint, SweepSample sample, string? body, string query, IReadOnlyDictionary<string, string>? route, CancellationToken ct)
    {
        var path = GatewayPath(endpoint);
        foreach (var parameter in endpoint.InPath)
        {
            var value = route?.GetValueOrDefault(parameter.Name) ?? Guid.NewGuid().ToString();
            path = path.Replace($"{{{parameter.Name}}}", value.StartsWith('%') ? value : Uri.EscapeDataString(value));
        }
        var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), query.Length == 0 ? path : $"{path}?{query}");
        if (body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(sample.ContentType ?? "application/json");
        }
        foreach (var (name, value) in sample.Headers ?? new Dictionary<string, string>()) request.Headers.TryAddWithoutValidation(name, value);
        if (sample.IfMatchOf is not null)
        {
            var current = await sample.As.SendAsync(new HttpRequestMessage(HttpMethod.Get, sample.IfMatchOf), ct);
            if (current.Headers.ETag is { } etag) request.Headers.IfMatch.Add(etag);
        }
        return await sample.As.SendAsync(request, ct);
    }

    /// <summary>Each service's ops endpoints are reached through the gateway's deliberate route for that service.</summary>
    private static string GatewayPath(SweptEndpoint endpoint) =>
        endpoint.Template.StartsWith("/api/v1/ops/messaging/", StringComparison.Ordinal)
            ? $"/api/v1/ops/{endpoint.Service}/" + endpoint.Template["/api/v1/ops/messaging/".Length..]
            : endpoint.Template;

    private static SweepSample FromSchema(SweptEndpoint endpoint, SweepWorld world) =>
        new(world.Admin, Body: endpoint.BodySchema is { } schema ? MalformedInputs.Skeleton(schema) : null);

    private static string Key(SweptEndpoint endpoint) => $"{endpoint.Method} {endpoint.Template.TrimEnd('/')}";

    private static string Describe(SweptEndpoint endpoint) => $"[{endpoint.Service}] {endpoint.Method} {GatewayPath(endpoint)}";

    private static string Query(IReadOnlyDictionary<string, string> values) =>
        string.Join('&', values.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}"));

    private static async Task<string> BodyAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var body = await response.Content.ReadAsStringAsync(ct);
        return body.Length > 300 ? body[..300] + "…" : body;
    }
}
