namespace Grocery.Messaging.Consuming;

internal sealed class InvalidMessageException : Exception;
