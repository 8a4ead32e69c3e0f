namespace Grocery.Messaging;

/// <summary>
/// Crash-test hook: when GROCERY_MESSAGING_FAULT names a point, the process announces it on stdout
/// and stops there forever, so a test can SIGKILL it at exactly that point.
/// </summary>
internal static class FaultInjection
{
    public const string RelayBeforePublish = "relay-before-publish";
    public const string RelayAfterPublish = "relay-after-publish";
    public const string ConsumerBeforeCommit = "consumer-before-commit";
    public const string ConsumerAfterCommit = "consumer-after-commit";

    private static readonly string? Point = Environment.GetEnvironmentVariable("GROCERY_MESSAGING_FAULT");

    public static void Hit(string point)
    {
        if (Point is null || !string.Equals(Point, point, StringComparison.Ordinal)) return;
        Console.Out.WriteLine($"FAULT:{point}");
        Console.Out.Flush();
        Thread.Sleep(Timeout.Infinite);
    }
}
