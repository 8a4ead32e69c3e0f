namespace Grocery.Messaging.Outbox;

/// <summary>A NOTIFY the caller sends itself; see <see cref="OutboxNotifyInterceptor.Defer"/>.</summary>
internal sealed class NotifyDeferral(Action end) : IDisposable
{
    /// <summary>A SaveChanges wrote outbox rows, so the caller's commands must include <see cref="OutboxSql.Notify"/>.</summary>
    public bool Requested { get; set; }

    public void Dispose() => end();
}
