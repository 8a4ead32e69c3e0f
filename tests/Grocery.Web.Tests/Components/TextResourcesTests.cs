using System.Xml.Linq;
using Grocery.Web.Tests.Journeys;

namespace Grocery.Web.Tests.Components;

public sealed class TextResourcesTests
{
    /// <summary>
    /// The resource compiler keeps only one of two names that differ in letter case, silently, so the other text
    /// shows untranslated ("Bảo quản: chilled" on the product page did).
    /// </summary>
    [Theory]
    [InlineData("Strings.resx")]
    [InlineData("Strings.vi.resx")]
    public void No_two_text_keys_differ_only_in_letter_case(string file)
    {
        var path = Path.Combine(StorefrontFixture.RepositoryRoot(), "Grocery.Web", "Resources", file);
        var names = XDocument.Load(path).Root!.Elements("data").Select(d => (string)d.Attribute("name")!).ToList();

        var clashes = names.GroupBy(n => n, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => string.Join(" / ", g)).ToList();

        Assert.True(clashes.Count == 0, $"{file} has keys that differ only in case: {string.Join("; ", clashes)}");
    }
}
