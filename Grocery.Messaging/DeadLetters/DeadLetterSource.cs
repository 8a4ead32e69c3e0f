namespace Grocery.Messaging.DeadLetters;

public enum DeadLetterSource
{
    /// <summary>A consumed message whose handler kept failing, or that could not be read.</summary>
    Consumer = 0,

    /// <summary>
    /// An outbox event Kafka refused for good (too large, invalid): never published. Partition is
    /// −1 and Offset the outbox row's id; replay queues it for the relay again, discard drops it.
    /// </summary>
    Outbox = 1,
}
