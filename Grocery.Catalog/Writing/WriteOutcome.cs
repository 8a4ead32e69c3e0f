namespace Grocery.Catalog.Writing;

public enum WriteStatus
{
    Done,
    NotFound,
    Stale,
    Conflict,
    Invalid,
}

public sealed record WriteOutcome(WriteStatus Status, Guid? ProductId = null, Dictionary<string, string[]>? Errors = null);
