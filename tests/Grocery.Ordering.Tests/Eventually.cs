namespace Grocery.Ordering.Tests;

public static class Eventually
{
    public static async Task<T> GetAsync<T>(Func<Task<T?>> probe, Func<T?, bool> done, string because, int timeoutSeconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (true)
        {
            var value = await probe();
            if (done(value)) return value!;
            if (DateTime.UtcNow > deadline) Assert.Fail($"Timed out after {timeoutSeconds} s waiting until {because} (last: {value}).");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }
}
