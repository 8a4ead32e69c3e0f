namespace Grocery.Messaging.Consuming;

internal sealed class HandlerFailedException(string message, Exception? inner) : Exception(message, inner);
