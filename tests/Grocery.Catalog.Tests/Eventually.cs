namespace Grocery.Catalog.Tests;

public static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, string because, int timeoutSeconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"Timed out after {timeoutSeconds} s waiting until {because}.");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }
}
