using System.Text.Json;

namespace Grocery.Gateway.Tests;

/// <summary>
/// Every operation in docs/api (written from the running services by the end-to-end
/// ApiDocumentsTests) has a summary and declares what it answers on success. Operations that do not
/// yet are listed in docs/api/known-gaps.txt: a new gap fails, and so does a listed gap that has been
/// closed, so the list only shrinks.
/// </summary>
public sealed class ApiDescriptionGapsTests
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    [Fact]
    public void Every_documented_operation_has_a_summary_and_a_success_response_type_or_is_a_listed_gap()
    {
        var docs = Path.Combine(RepositoryRoot(), "docs", "api");
        var documents = ResourceNames.Services.Select(service => Path.Combine(docs, $"{service}.json")).ToList();
        Assert.All(documents, path => Assert.True(File.Exists(path), $"{path} is missing; run the end-to-end ApiDocumentsTests to write it."));

        var gaps = documents.SelectMany(Gaps).Order(StringComparer.Ordinal).ToList();
        var known = File.ReadAllLines(Path.Combine(docs, "known-gaps.txt"))
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .ToHashSet(StringComparer.Ordinal);

        var added = gaps.Where(gap => !known.Contains(gap)).ToList();
        var closed = known.Where(gap => !gaps.Contains(gap)).Order(StringComparer.Ordinal).ToList();
        Assert.True(added.Count == 0, "Describe these operations (WithSummary, TypedResults or Produces<T>):\n" + string.Join('\n', added));
        Assert.True(closed.Count == 0, "These gaps are closed; remove them from docs/api/known-gaps.txt:\n" + string.Join('\n', closed));
    }

    private static IEnumerable<string> Gaps(string path)
    {
        var service = Path.GetFileNameWithoutExtension(path);
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        if (!document.RootElement.TryGetProperty("paths", out var paths)) yield break;
        foreach (var route in paths.EnumerateObject())
            foreach (var method in Methods)
            {
                if (!route.Value.TryGetProperty(method, out var operation)) continue;
                var name = $"{service} {method.ToUpperInvariant()} {route.Name}";
                if (!operation.TryGetProperty("summary", out var summary) || string.IsNullOrWhiteSpace(summary.GetString()))
                    yield return $"{name}: no summary";
                if (!DeclaresSuccess(operation))
                    yield return $"{name}: no success response type";
            }
    }

    // A 2xx whose body has a schema (an empty schema says nothing), or one without a body by definition.
    private static bool DeclaresSuccess(JsonElement operation) =>
        operation.TryGetProperty("responses", out var responses) && responses.EnumerateObject().Any(response =>
            response.Name.StartsWith('2') && (response.Name is "202" or "204" || HasSchema(response.Value)));

    private static bool HasSchema(JsonElement response) =>
        response.TryGetProperty("content", out var content) && content.EnumerateObject().Any(media =>
            media.Value.TryGetProperty("schema", out var schema) && schema.ValueKind == JsonValueKind.Object && schema.EnumerateObject().Any());

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "Grocery.sln"))) return directory.FullName;
        throw new InvalidOperationException("Grocery.sln not found above the test assembly.");
    }
}
