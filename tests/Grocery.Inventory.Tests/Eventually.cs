namespace Grocery.Inventory.Tests;

public static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, string because, int timeoutSeconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"Timed out after {timeoutSeconds} s waiting until {because}.");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }
}
