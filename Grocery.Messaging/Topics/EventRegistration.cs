namespace Grocery.Messaging.Topics;

/// <summary>An event type declared on a topic: its CloudEvents type name and the name of its key.</summary>
public sealed record EventRegistration(Type EventType, string TypeName, TopicDefinition Topic, string KeyName);
