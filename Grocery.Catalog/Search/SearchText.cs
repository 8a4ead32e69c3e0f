using Grocery.Catalog.Domain;

namespace Grocery.Catalog.Search;

public static class SearchText
{
    public const int MaxWords = 8;

    public static string Fold(string text) => ProductRules.Fold(text);

    /// <summary>Folded words of letters and digits only, so they are safe inside a tsquery.</summary>
    public static IReadOnlyList<string> Words(string text)
    {
        var folded = Fold(text);
        var words = new List<string>();
        var start = -1;
        for (var i = 0; i <= folded.Length; i++)
        {
            var isWordChar = i < folded.Length && char.IsAsciiLetterOrDigit(folded[i]);
            if (isWordChar && start < 0) start = i;
            else if (!isWordChar && start >= 0)
            {
                if (words.Count < MaxWords) words.Add(folded[start..Math.Min(i, start + 40)]);
                start = -1;
            }
        }
        return words;
    }
}
