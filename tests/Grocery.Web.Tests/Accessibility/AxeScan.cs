using System.Text.Json;
using Microsoft.Playwright;

namespace Grocery.Web.Tests.Accessibility;

/// <summary>
/// Runs axe-core (restored from npm by the build, see package.json beside this file) in a page as it stands and fails
/// on any serious or critical violation, naming the rule and the elements. Called from the journeys where they already
/// stand on a page, so the scans cost no extra system or sign-in.
/// </summary>
public static class AxeScan
{
    private static readonly Lazy<string> Script = new(() => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "axe.min.js")));

    public sealed record Violation(string Id, string Impact, string Help, string[] Targets);

    public static async Task<IReadOnlyList<Violation>> SeriousViolationsAsync(IPage page)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'")) await page.AddScriptTagAsync(new() { Content = Script.Value });
        var found = await page.EvaluateAsync<JsonElement>("""
            async () => {
                const result = await axe.run(document, { resultTypes: ['violations'] });
                return result.violations
                    .filter(v => v.impact === 'serious' || v.impact === 'critical')
                    .map(v => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map(n => n.target.join(' ')) }));
            }
            """);
        return found.Deserialize<Violation[]>(new JsonSerializerOptions(JsonSerializerDefaults.Web)) ?? [];
    }

    public static async Task AssertNoSeriousViolationsAsync(IPage page, string name)
    {
        var report = new AxeReport();
        await report.ScanAsync(page, name);
        report.AssertClean();
    }
}

/// <summary>Scans of several pages of one journey, failing once at the end with every page's violations.</summary>
public sealed class AxeReport
{
    private readonly List<string> _problems = [];

    public async Task ScanAsync(IPage page, string name)
    {
        foreach (var v in await AxeScan.SeriousViolationsAsync(page))
            _problems.Add($"- {name} ({new Uri(page.Url).PathAndQuery}): {v.Impact} {v.Id}: {v.Help}\n    " + string.Join("\n    ", v.Targets.Take(8))
                + (v.Targets.Length > 8 ? $"\n    … {v.Targets.Length - 8} more" : ""));
    }

    public void AssertClean()
    {
        if (_problems.Count > 0) Assert.Fail("axe found serious or critical violations:\n" + string.Join("\n", _problems));
    }
}
