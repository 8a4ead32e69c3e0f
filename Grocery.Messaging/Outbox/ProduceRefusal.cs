using Confluent.Kafka;

namespace Grocery.Messaging.Outbox;

/// <summary>Tells a message Kafka will never take (park it) from a failure worth retrying.</summary>
internal static class ProduceRefusal
{
    // Refusals of the message itself: retrying the same bytes gives the same answer. librdkafka
    // reports its own message.max.bytes check as MsgSizeTooLarge too, at produce time. Left out on
    // purpose: UnknownTopicOrPart / Local_UnknownTopic (a declared topic not provisioned yet, which
    // MessagingStartup keeps doing in the background), authorization and fatal producer errors
    // (they refuse every message alike: parking would empty the outbox into dead letters).
    private static readonly HashSet<ErrorCode> Permanent =
    [
        ErrorCode.MsgSizeTooLarge,
        ErrorCode.InvalidMsgSize,
        ErrorCode.RecordListTooLarge,
        ErrorCode.InvalidMsg,
        ErrorCode.InvalidRecord,
        ErrorCode.TopicException,
        ErrorCode.Local_BadMsg,
        ErrorCode.Local_KeySerialization,
        ErrorCode.Local_ValueSerialization,
    ];

    public static bool IsPermanent(Exception exception) =>
        exception is KafkaException { Error: { IsFatal: false } error } && Permanent.Contains(error.Code);

    /// <summary>The error code and the client's reason; never the message itself.</summary>
    public static string Describe(Exception exception) => exception is KafkaException { Error: var error }
        ? $"{error.Code} ({(int)error.Code}): {error.Reason}"
        : $"{exception.GetType().Name}: {exception.Message}";
}
