using Google.Cloud.Firestore.V1;

namespace Grocery.Firestore.Tests;

public sealed class FirestoreClientTests(FirestoreInfrastructure infrastructure) : IDisposable
{
    private readonly GrpcFirestoreClient _client = infrastructure.Emulator.Client($"client-{Guid.NewGuid():N}");
    private readonly CancellationToken _timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token;

    [Fact]
    public async Task A_committed_document_is_read_back_with_its_fields_and_the_server_time_transform()
    {
        var name = _client.DocumentName("stock", "w1_apple");
        var response = await _client.CommitAsync(new CommitRequest
        {
            Writes =
            {
                new Write
                {
                    Update = new Document { Name = name, Fields = { ["available"] = FirestoreValues.Of(12.5), ["state"] = FirestoreValues.Of("in") } },
                    UpdateTransforms =
                    {
                        new DocumentTransform.Types.FieldTransform
                        {
                            FieldPath = "updatedAt",
                            SetToServerValue = DocumentTransform.Types.FieldTransform.Types.ServerValue.RequestTime,
                        },
                    },
                },
            },
        }, _timeout);

        var found = await GetAsync(name);

        Assert.Single(response.WriteResults);
        Assert.NotNull(found);
        Assert.Equal(12.5, found.Fields["available"].DoubleValue);
        Assert.Equal("in", found.String("state"));
        Assert.Equal(Value.ValueTypeOneofCase.TimestampValue, found.Fields["updatedAt"].ValueTypeCase);
    }

    [Fact]
    public async Task A_document_never_written_is_reported_missing()
    {
        var name = _client.DocumentName("stock", "nothing-here");

        var found = await GetAsync(name);

        Assert.Null(found);
    }

    [Fact]
    public async Task A_query_returns_only_the_documents_whose_field_matches()
    {
        await _client.CommitAsync(new CommitRequest
        {
            Writes =
            {
                Put("slots", "a", ("open", FirestoreValues.Of(true))),
                Put("slots", "b", ("open", FirestoreValues.Of(false))),
                Put("slots", "c", ("open", FirestoreValues.Of(true))),
            },
        }, _timeout);

        var names = new List<string>();
        await foreach (var response in _client.RunQueryAsync(new RunQueryRequest
        {
            StructuredQuery = new StructuredQuery
            {
                From = { new StructuredQuery.Types.CollectionSelector { CollectionId = "slots" } },
                Where = new StructuredQuery.Types.Filter
                {
                    FieldFilter = new StructuredQuery.Types.FieldFilter
                    {
                        Field = new StructuredQuery.Types.FieldReference { FieldPath = "open" },
                        Op = StructuredQuery.Types.FieldFilter.Types.Operator.Equal,
                        Value = FirestoreValues.Of(true),
                    },
                },
            },
        }, _timeout))
        {
            if (response.Document is not null) names.Add(response.Document.Name);
        }

        Assert.Equal([_client.DocumentName("slots", "a"), _client.DocumentName("slots", "c")], names.Order());
    }

    [Fact]
    public async Task A_listener_on_a_document_receives_each_committed_change()
    {
        var name = _client.DocumentName("slots", "z1_s1");
        await _client.CommitAsync(new CommitRequest { Writes = { Put("slots", "z1_s1", ("remaining", FirestoreValues.Of(3L))) } }, _timeout);
        await using var listen = _client.Listen(_timeout);
        await listen.WriteAsync(new ListenRequest
        {
            AddTarget = new Target { TargetId = 1, Documents = new Target.Types.DocumentsTarget { Documents = { name } } },
        });
        await using var changes = listen.GetResponseStream(_timeout).GetAsyncEnumerator(_timeout);

        var first = await NextDocumentAsync(changes);
        await _client.CommitAsync(new CommitRequest { Writes = { Put("slots", "z1_s1", ("remaining", FirestoreValues.Of(2L))) } }, _timeout);
        var second = await NextDocumentAsync(changes);

        Assert.Equal(3, first.Integer("remaining"));
        Assert.Equal(2, second.Integer("remaining"));
    }

    public void Dispose() => _client.Dispose();

    private async Task<Document?> GetAsync(string name)
    {
        await foreach (var response in _client.BatchGetDocumentsAsync(new BatchGetDocumentsRequest { Documents = { name } }, _timeout))
        {
            return response.Found;
        }
        throw new InvalidOperationException("BatchGetDocuments answered nothing.");
    }

    private Write Put(string collection, string id, params (string Field, Value Value)[] fields)
    {
        var document = new Document { Name = _client.DocumentName(collection, id) };
        foreach (var (field, value) in fields) document.Fields[field] = value;
        return new Write { Update = document };
    }

    /// <summary>The next document state the listener receives (that satisfies <paramref name="wanted"/>, when given).</summary>
    internal static async Task<Document> NextDocumentAsync(IAsyncEnumerator<ListenResponse> changes, Func<Document, bool>? wanted = null)
    {
        while (await changes.MoveNextAsync())
        {
            if (changes.Current.DocumentChange is { } change && (wanted is null || wanted(change.Document))) return change.Document;
        }
        throw new InvalidOperationException("The listen stream ended.");
    }
}
