using Grocery.Messaging.Topics;

namespace Grocery.Messaging.Consuming;

internal sealed record Subscription(
    EventRegistration Registration,
    Type HandlerType,
    Func<IServiceProvider, IIntegrationEvent, IntegrationEventContext, CancellationToken, Task> Invoke);
