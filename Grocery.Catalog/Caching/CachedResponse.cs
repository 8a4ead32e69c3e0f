using System.ComponentModel;

namespace Grocery.Catalog.Caching;

/// <summary>
/// A response body serialized once, with its ETag. Immutable, so HybridCache hands out the same
/// instance from memory on every hit instead of deserializing a copy.
/// </summary>
[ImmutableObject(true)]
public sealed class CachedResponse(byte[] body, string etag)
{
    public byte[] Body { get; } = body;
    public string ETag { get; } = etag;
}
