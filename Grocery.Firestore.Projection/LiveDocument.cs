namespace Grocery.Firestore.Projection;

/// <summary>
/// The latest state of one projected document and the version Firestore last received. PostgreSQL
/// holds the checkpoint because the emulator ignores preconditions: a stale or duplicate event can
/// only lose the conditional update here, so it never reaches Firestore.
/// </summary>
public sealed class LiveDocument
{
    public required string Collection { get; init; }

    public required string DocumentId { get; init; }

    /// <summary>The document's fields, a serialized google.firestore.v1.MapValue.</summary>
    public required byte[] Fields { get; set; }

    public long Version { get; set; }

    public long WrittenVersion { get; set; }

    public DateTimeOffset ChangedAt { get; set; }

    /// <summary>When the flusher last sent it, by the flusher's clock; paces writes to one a second.</summary>
    public DateTimeOffset? WrittenAt { get; set; }
}
