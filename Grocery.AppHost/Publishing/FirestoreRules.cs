namespace Grocery.AppHost.Publishing;

/// <summary>
/// The security rules of the live read model (clients read stock and slots, never write), shipped
/// in the bundle's firestore/ folder with the firebase.json that names them, ready for
/// <c>firebase deploy --only firestore:rules</c>.
/// </summary>
public static class FirestoreRules
{
    private const string Prefix = "firestore/";

    public static IReadOnlyDictionary<string, string> Files()
    {
        var assembly = typeof(FirestoreRules).Assembly;
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
            files[name] = reader.ReadToEnd();
        }
        return files;
    }
}
