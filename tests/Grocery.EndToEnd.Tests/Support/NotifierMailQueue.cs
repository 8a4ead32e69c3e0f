using Npgsql;

namespace Grocery.EndToEnd.Tests.Support;

/// <summary>The notifier's notifications of an order and what became of their mails, read from its database.</summary>
public static class NotifierMailQueue
{
    /// <summary>One row per notification of the order, ordered by status then kind; a notification without a mail has status "none".</summary>
    public static async Task<IReadOnlyList<QueuedMail>> OfOrderAsync(GroceryAppFixture system, Guid orderId, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(await system.DirectConnectionStringAsync(ResourceNames.NotificationsDb));
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand("""
            SELECT n."Kind", coalesce(m."Status", 'none'), coalesce(m."Attempts", 0), m."LastError"
            FROM notifications.notifications n
            LEFT JOIN notifications.outgoing_mails m ON m."NotificationId" = n."Id"
            WHERE n."OrderId" = @order ORDER BY 2, 1
            """, connection);
        command.Parameters.AddWithValue("order", orderId);
        var mails = new List<QueuedMail>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            mails.Add(new QueuedMail(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
        return mails;
    }

    /// <summary>The status of each of the order's notifications' mails, in order.</summary>
    public static async Task<IReadOnlyList<string>> StatusesAsync(GroceryAppFixture system, Guid orderId, CancellationToken ct) =>
        [.. (await OfOrderAsync(system, orderId, ct)).Select(m => m.Status)];
}

/// <summary>A notification's mail as the queue holds it. Kind is the stored enum name (OrderConfirmed).</summary>
public sealed record QueuedMail(string Kind, string Status, int Attempts, string? LastError);
