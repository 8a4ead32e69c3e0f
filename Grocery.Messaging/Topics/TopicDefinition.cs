namespace Grocery.Messaging.Topics;

public sealed record TopicDefinition(string Name, int Partitions)
{
    public string DeadLetterTopic => Name + ".dlq";
}
