namespace Grocery.Messaging;

/// <summary>
/// Handles one event type. Runs inside the service DbContext's transaction together with the inbox
/// row, so effects written through that DbContext (or its connection) commit exactly once.
/// </summary>
public interface IIntegrationEventHandler<in TEvent> where TEvent : IIntegrationEvent
{
    Task HandleAsync(TEvent @event, IntegrationEventContext context, CancellationToken cancellationToken);
}
