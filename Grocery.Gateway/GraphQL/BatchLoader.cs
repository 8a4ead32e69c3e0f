using GraphQL.DataLoader;

namespace Grocery.Gateway.GraphQL;

/// <summary>
/// What GraphQL.DataLoader would give: resolvers ask for keys one at a time during a level of the
/// query; GraphQL.NET resolves the returned <see cref="IDataLoaderResult"/>s only after the whole
/// level has asked, so the first of them fetches every key asked so far in one downstream call.
/// Results are kept for the request, so a key asked again is not fetched again.
/// </summary>
public sealed class BatchLoader<TKey, TValue>(Func<IReadOnlyCollection<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> fetch)
    where TKey : notnull where TValue : class
{
    private readonly Lock _lock = new();
    private readonly Dictionary<TKey, TValue?> _loaded = [];
    private readonly HashSet<TKey> _pending = [];
    private Task? _inFlight;

    public IDataLoaderResult<TValue?> Load(TKey key)
    {
        lock (_lock)
            if (!_loaded.ContainsKey(key)) _pending.Add(key);
        return new Result(this, key);
    }

    private async Task<TValue?> GetAsync(TKey key, CancellationToken ct)
    {
        while (true)
        {
            Task batch;
            lock (_lock)
            {
                if (_loaded.TryGetValue(key, out var value)) return value;
                if (_inFlight is null or { IsCompleted: true })
                {
                    _pending.Add(key);
                    var keys = _pending.ToList();
                    _pending.Clear();
                    _inFlight = FetchAsync(keys, ct);
                }
                batch = _inFlight;
            }
            await batch;
        }
    }

    private async Task FetchAsync(List<TKey> keys, CancellationToken ct)
    {
        var values = await fetch(keys, ct);
        lock (_lock)
            foreach (var key in keys)
                _loaded[key] = values.GetValueOrDefault(key);
    }

    private sealed class Result(BatchLoader<TKey, TValue> loader, TKey key) : IDataLoaderResult<TValue?>
    {
        public Task<TValue?> GetResultAsync(CancellationToken cancellationToken = default) => loader.GetAsync(key, cancellationToken);

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) => await GetResultAsync(cancellationToken);
    }
}

/// <summary>The per-request loaders the resolvers share.</summary>
public sealed class StorefrontLoaders(CatalogClient catalog)
{
    /// <summary>Products by id: one Catalog call for every product a query level names (a basket's lines).</summary>
    public BatchLoader<Guid, CatalogProduct> Products { get; } = new(async (ids, ct) =>
        (await catalog.ByIdsAsync(ids, ct)).ToDictionary(p => p.Id));

    /// <summary>Categories by id: one look at Catalog's tree (<see cref="CategoryTreeCache"/>) however many products name one.</summary>
    public BatchLoader<int, CatalogCategory> Categories { get; } = new(async (_, ct) => (await catalog.CategoryTreeAsync(ct)).ById);
}
