using System.Text.RegularExpressions;

namespace Grocery.AppHost.Tests;

/// <summary>The repository documents itself: every relative link in README.md and docs/ resolves inside it.</summary>
public sealed partial class DocumentationLinkTests
{
    private static readonly string Root = FindRoot();

    public static TheoryData<string> Documents()
    {
        var documents = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Root, "*.md", SearchOption.AllDirectories)
                     .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")
                                 && !f.Contains($"{Path.DirectorySeparatorChar}node_modules{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}.artifacts{Path.DirectorySeparatorChar}")))
        {
            documents.Add(Path.GetRelativePath(Root, file));
        }
        return documents;
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void Every_link_resolves_inside_the_repository(string document)
    {
        var path = Path.Combine(Root, document);
        var text = File.ReadAllText(path);
        var broken = MarkdownLink().Matches(text).Select(m => m.Groups["target"].Value)
            .Where(target => !target.Contains("://") && !target.StartsWith('#') && !target.StartsWith("mailto:", StringComparison.Ordinal))
            .Select(target => target.Split('#')[0])
            .Where(target => target.Length > 0)
            .Where(target =>
            {
                var resolved = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, target));
                return !resolved.StartsWith(Root, StringComparison.Ordinal) || !(File.Exists(resolved) || Directory.Exists(resolved));
            })
            .ToList();

        Assert.Empty(broken);
        Assert.DoesNotContain("../shared", text);
    }

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Grocery.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("Grocery.sln not found above the test's folder.");
    }

    [GeneratedRegex(@"\[[^\]]*\]\((?<target>[^)\s]+)\)")]
    private static partial Regex MarkdownLink();
}
