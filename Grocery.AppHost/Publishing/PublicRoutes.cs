using Grocery.ServiceDefaults;

namespace Grocery.AppHost.Publishing;

/// <summary>
/// Which paths of the public host each edge serves. An edge the table does not know stops the
/// bundle: exposing a new service to the internet is a decision, not a default.
/// </summary>
public static class PublicRoutes
{
    private static readonly Dictionary<string, string[]> Paths = new()
    {
        [ResourceNames.Web] = ["/"],
        [ResourceNames.Gateway] = ["/api", "/graphql"],
    };

    public static IReadOnlyList<string> For(string edge) =>
        Paths.TryGetValue(edge, out var paths)
            ? paths
            : throw new InvalidOperationException($"The public edge '{edge}' has no routes in {nameof(PublicRoutes)}.");

    /// <summary>Blazor's interactive circuits live in one pod's memory: a shopper must keep reaching that pod.</summary>
    public static bool NeedsStickySessions(string edge) => edge == ResourceNames.Web;
}
