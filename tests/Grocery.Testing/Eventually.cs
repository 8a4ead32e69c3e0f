namespace Grocery.Testing;

/// <summary>Polls until a condition holds or a deadline passes; tests never sleep a fixed time.</summary>
public static class Eventually
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);

    /// <summary>Waits until <paramref name="condition"/> holds, failing with <paramref name="because"/> at the deadline.</summary>
    public static async Task TrueAsync(Func<Task<bool>> condition, string because, int timeoutSeconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Timed out after {timeoutSeconds} s waiting until {because}.");
            await Task.Delay(Poll);
        }
    }

    /// <summary>The first value that is <paramref name="done"/>; fails at the deadline naming the last value seen.</summary>
    public static async Task<T> GetAsync<T>(Func<Task<T?>> probe, Func<T?, bool> done, string because, int timeoutSeconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (true)
        {
            var value = await probe();
            if (done(value)) return value!;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Timed out after {timeoutSeconds} s waiting until {because} (last: {value}).");
            await Task.Delay(Poll);
        }
    }

    /// <summary>The first value that is <paramref name="done"/>, or the last one seen at the deadline, for the caller to judge.</summary>
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
