using Google.Cloud.Firestore.V1;

namespace Grocery.Firestore.Projection;

/// <summary>The state one event gives a document; a higher <see cref="Version"/> wins.</summary>
public sealed record LiveDocumentChange(string Collection, string DocumentId, MapValue Fields, long Version);
