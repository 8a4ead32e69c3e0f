namespace Grocery.Messaging.TestWorker;

public sealed class Counter
{
    public required string Name { get; set; }
    public int Value { get; set; }
}
