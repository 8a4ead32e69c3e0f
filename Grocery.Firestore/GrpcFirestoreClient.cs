using System.Runtime.CompilerServices;
using Google.Apis.Auth.OAuth2;
using Google.Cloud.Firestore.V1;
using Grpc.Core;
using Grpc.Net.Client;
using GeneratedClient = Google.Cloud.Firestore.V1.Firestore.FirestoreClient;

namespace Grocery.Firestore;

/// <summary>The generated gRPC client over one channel: plain HTTP/2 and no credentials to an emulator, TLS and OAuth tokens to Google.</summary>
public sealed class GrpcFirestoreClient : IFirestoreClient, IDisposable
{
    private const string DatastoreScope = "https://www.googleapis.com/auth/datastore";

    private readonly GrpcChannel _channel;
    private readonly GeneratedClient _client;
    private readonly Metadata _routing;

    public GrpcFirestoreClient(FirestoreOptions options, GoogleCredential? credential = null)
    {
        DatabaseName = options.DatabaseName;
        DocumentsRoot = options.DocumentsRoot;
        _channel = options.EmulatorHost.Length > 0
            ? GrpcChannel.ForAddress($"http://{options.EmulatorHost}", new GrpcChannelOptions { Credentials = ChannelCredentials.Insecure })
            : GrpcChannel.ForAddress(options.Endpoint, new GrpcChannelOptions
            {
                // Service account (GOOGLE_APPLICATION_CREDENTIALS) or workload identity (the metadata server).
                Credentials = ChannelCredentials.Create(ChannelCredentials.SecureSsl, TokenCredentials(credential)),
            });
        _client = new GeneratedClient(_channel);
        // Google routes each call to the database named here; the emulator ignores both headers.
        _routing = new Metadata
        {
            { "google-cloud-resource-prefix", DatabaseName },
            { "x-goog-request-params", $"database={Uri.EscapeDataString(DatabaseName)}" },
        };
    }

    public string DatabaseName { get; }

    public string DocumentsRoot { get; }

    public async Task<CommitResponse> CommitAsync(CommitRequest request, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(request.Database))
        {
            request.Database = DatabaseName;
        }
        return await _client.CommitAsync(request, Options(cancellationToken));
    }

    public async IAsyncEnumerable<BatchGetDocumentsResponse> BatchGetDocumentsAsync(
        BatchGetDocumentsRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(request.Database))
        {
            request.Database = DatabaseName;
        }
        using var call = _client.BatchGetDocuments(request, Options(cancellationToken));
        await foreach (var response in call.ResponseStream.ReadAllAsync(cancellationToken))
        {
            yield return response;
        }
    }

    public async IAsyncEnumerable<RunQueryResponse> RunQueryAsync(
        RunQueryRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(request.Parent))
        {
            request.Parent = DocumentsRoot;
        }
        using var call = _client.RunQuery(request, Options(cancellationToken));
        await foreach (var response in call.ResponseStream.ReadAllAsync(cancellationToken))
        {
            yield return response;
        }
    }

    public FirestoreListenStream Listen(CancellationToken cancellationToken = default) =>
        new(_client.Listen(Options(cancellationToken)), DatabaseName);

    public void Dispose() => _channel.Dispose();

    private CallOptions Options(CancellationToken cancellationToken) => new(_routing, cancellationToken: cancellationToken);

    private static CallCredentials TokenCredentials(GoogleCredential? credential)
    {
        // Looked up on the first call, so a host without credentials still starts (and reports the projection degraded).
        var tokens = new Lazy<Task<ITokenAccess>>(async () =>
            (credential ?? await GoogleCredential.GetApplicationDefaultAsync()).CreateScoped(DatastoreScope));
        return CallCredentials.FromInterceptor(async (context, metadata) =>
        {
            var token = await (await tokens.Value).GetAccessTokenForRequestAsync(cancellationToken: context.CancellationToken);
            metadata.Add("authorization", $"Bearer {token}");
        });
    }
}
