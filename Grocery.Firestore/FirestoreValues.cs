using Google.Cloud.Firestore.V1;
using Timestamp = Google.Protobuf.WellKnownTypes.Timestamp;

namespace Grocery.Firestore;

/// <summary>Builds and reads the typed values of a Firestore document.</summary>
public static class FirestoreValues
{
    public static Value Of(string value) => new() { StringValue = value };

    public static Value Of(long value) => new() { IntegerValue = value };

    public static Value Of(double value) => new() { DoubleValue = value };

    public static Value Of(bool value) => new() { BooleanValue = value };

    public static Value Of(DateTimeOffset value) => new() { TimestampValue = Timestamp.FromDateTimeOffset(value) };

    /// <summary>The full name of a document: {documentsRoot}/{collection}/{id}.</summary>
    public static string DocumentName(this IFirestoreClient client, string collection, string id) =>
        $"{client.DocumentsRoot}/{collection}/{id}";

    public static long Integer(this Document document, string field) =>
        document.Fields.TryGetValue(field, out var value) ? value.IntegerValue : throw MissingField(document, field);

    public static string String(this Document document, string field) =>
        document.Fields.TryGetValue(field, out var value) ? value.StringValue : throw MissingField(document, field);

    public static bool Boolean(this Document document, string field) =>
        document.Fields.TryGetValue(field, out var value) ? value.BooleanValue : throw MissingField(document, field);

    private static KeyNotFoundException MissingField(Document document, string field) =>
        new($"Document {document.Name} has no field '{field}'.");
}
