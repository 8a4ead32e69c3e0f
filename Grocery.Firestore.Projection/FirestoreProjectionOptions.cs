namespace Grocery.Firestore.Projection;

/// <summary>Bound from "Firestore:Projection".</summary>
public sealed class FirestoreProjectionOptions
{
    /// <summary>A document is written at most once per interval; changes in between are coalesced to the latest.</summary>
    public TimeSpan MinimumWriteInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How often the flusher looks for changed documents: part of every change's way to its listeners (a look
    /// at the pending index, cheap when nothing changed).
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Documents per Commit; Firestore accepts at most 500 writes in one.</summary>
    public int BatchSize { get; set; } = 500;
}
