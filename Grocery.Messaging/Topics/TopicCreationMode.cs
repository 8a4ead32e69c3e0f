namespace Grocery.Messaging.Topics;

public enum TopicCreationMode
{
    /// <summary>Admin API first; a cluster that cannot create topics (librdkafka's mock) falls back to metadata requests.</summary>
    Auto,
    /// <summary>Admin API only (real Kafka with auto-creation disabled).</summary>
    AdminApi,
    /// <summary>Metadata requests only (the development mock cluster).</summary>
    MetadataRequest,
    None,
}
