using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using Microsoft.Extensions.Caching.Hybrid;

namespace Grocery.Catalog.Caching;

/// <summary>Redis layout: [etag length: int32][etag UTF-8][body].</summary>
internal sealed class CachedResponseSerializer : IHybridCacheSerializer<CachedResponse>
{
    public CachedResponse Deserialize(ReadOnlySequence<byte> source)
    {
        var bytes = source.ToArray();
        var etagLength = BinaryPrimitives.ReadInt32LittleEndian(bytes);
        var etag = Encoding.UTF8.GetString(bytes, 4, etagLength);
        return new CachedResponse(bytes[(4 + etagLength)..], etag);
    }

    public void Serialize(CachedResponse value, IBufferWriter<byte> target)
    {
        var etagLength = Encoding.UTF8.GetByteCount(value.ETag);
        var span = target.GetSpan(4 + etagLength);
        BinaryPrimitives.WriteInt32LittleEndian(span, etagLength);
        Encoding.UTF8.GetBytes(value.ETag, span[4..]);
        target.Advance(4 + etagLength);
        target.Write(value.Body);
    }
}
