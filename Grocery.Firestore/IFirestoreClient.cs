using Google.Cloud.Firestore.V1;

namespace Grocery.Firestore;

/// <summary>
/// The four calls of <c>google.firestore.v1.Firestore</c> the project uses, named and typed as in
/// <c>Google.Cloud.Firestore.V1.FirestoreClient</c> (the request and response messages are generated
/// from the same protos into the same namespace), so the official package can replace this client
/// the day it is served.
/// </summary>
public interface IFirestoreClient
{
    /// <summary>projects/{project}/databases/{database}</summary>
    string DatabaseName { get; }

    /// <summary>projects/{project}/databases/{database}/documents</summary>
    string DocumentsRoot { get; }

    /// <summary>Applies writes (and their field transforms) atomically.</summary>
    Task<CommitResponse> CommitAsync(CommitRequest request, CancellationToken cancellationToken = default);

    IAsyncEnumerable<BatchGetDocumentsResponse> BatchGetDocumentsAsync(BatchGetDocumentsRequest request, CancellationToken cancellationToken = default);

    IAsyncEnumerable<RunQueryResponse> RunQueryAsync(RunQueryRequest request, CancellationToken cancellationToken = default);

    /// <summary>Opens the bidirectional stream clients use to watch documents and queries.</summary>
    FirestoreListenStream Listen(CancellationToken cancellationToken = default);
}
