namespace Grocery.Web.Services;

/// <summary>An order whose saga has not finished in time: <see cref="Step"/> is where it waits, <see cref="Age"/> since it was placed.</summary>
public sealed record StuckOrder(
    Guid Id, string Status, string Stock, string Slot, string Payment, DateTimeOffset PlacedAt, DateTimeOffset? Deadline, string Step, TimeSpan Age);

/// <summary>
/// A message a service could not handle; later messages of its key wait behind it (<see cref="ParkedBehind"/>). Its status and
/// source are left out: not every service writes enums as names, and the overview asks for pending ones only.
/// </summary>
public sealed record DeadLetter(
    long Id, string Topic, int Partition, long Offset, string Key, string MessageId, string? Type, string Error, int Attempts,
    DateTimeOffset DeadLetteredAt, int ParkedBehind);

/// <summary>One service's pending dead letters, or why they could not be read.</summary>
public sealed record ServiceDeadLetters(string Service, IReadOnlyList<DeadLetter>? Pending, string? Error);
