namespace Grocery.EndToEnd.Tests;

/// <summary>Polls until a condition holds or a deadline passes; tests never sleep a fixed time.</summary>
public static class Eventually
{
    public static async Task<T> Until<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan within, TimeSpan? every = null)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var value = await probe();
            if (done(value) || DateTime.UtcNow >= deadline) return value;
            await Task.Delay(every ?? TimeSpan.FromMilliseconds(250));
        }
    }
}
