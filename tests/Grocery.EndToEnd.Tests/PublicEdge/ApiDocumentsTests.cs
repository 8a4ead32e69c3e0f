using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Grocery.EndToEnd.Tests.Hardening;

namespace Grocery.EndToEnd.Tests.PublicEdge;

/// <summary>
/// Every service's API description, as the gateway serves it, is kept in docs/api/{service}.json,
/// so a change to an API shows in review as a change to that file. When they differ the test writes
/// the running system's version over the copy and fails: review the diff and commit it.
/// </summary>
public sealed class ApiDocumentsTests(GroceryAppFixture system)
{
    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        IndentSize = 2,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static TheoryData<string> Services => [.. ResourceNames.Services];

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Each_service_api_description_through_the_gateway_matches_its_copy_in_docs_api(string service)
    {
        var ct = TestContext.Current.CancellationToken;
        using var gateway = ClientAddresses.GatewayClient(system, ClientAddresses.Next());

        var response = await gateway.GetAsync($"/openapi/{service}.json", ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var served = JsonNode.Parse(await response.Content.ReadAsStringAsync(ct))!;
        Assert.StartsWith("3.1", served["openapi"]!.GetValue<string>());
        var text = served.ToJsonString(Indented).ReplaceLineEndings("\n") + "\n";

        var path = Path.Combine(RepositoryRoot(), "docs", "api", $"{service}.json");
        var committed = File.Exists(path) ? await File.ReadAllTextAsync(path, ct) : null;
        if (committed != text)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllTextAsync(path, text, ct);
        }
        Assert.True(committed == text, $"docs/api/{service}.json did not match the running {service} and has been rewritten; review and commit it.");
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "Grocery.sln"))) return directory.FullName;
        throw new InvalidOperationException("Grocery.sln not found above the test assembly.");
    }
}
