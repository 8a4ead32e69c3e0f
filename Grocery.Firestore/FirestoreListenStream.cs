using Google.Cloud.Firestore.V1;
using Grpc.Core;

namespace Grocery.Firestore;

/// <summary>One Listen call: add or remove targets with <see cref="WriteAsync"/>, read changes from <see cref="GetResponseStream"/>.</summary>
public sealed class FirestoreListenStream(AsyncDuplexStreamingCall<ListenRequest, ListenResponse> call, string databaseName) : IAsyncDisposable
{
    public Task WriteAsync(ListenRequest request)
    {
        if (string.IsNullOrEmpty(request.Database))
        {
            request.Database = databaseName;
        }
        return call.RequestStream.WriteAsync(request);
    }

    public Task WriteCompleteAsync() => call.RequestStream.CompleteAsync();

    public IAsyncEnumerable<ListenResponse> GetResponseStream(CancellationToken cancellationToken = default) =>
        call.ResponseStream.ReadAllAsync(cancellationToken);

    public ValueTask DisposeAsync()
    {
        call.Dispose();
        return ValueTask.CompletedTask;
    }
}
