namespace Grocery.Ordering.Domain;

/// <summary>Progress of one saga step (stock, slot or payment).</summary>
public enum StepStatus
{
    Pending,
    Succeeded,
    Failed,
    /// <summary>The step had succeeded and was undone by compensation.</summary>
    Compensated,
}
