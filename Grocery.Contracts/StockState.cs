namespace Grocery.Contracts;

public enum StockState
{
    In,
    Low,
    Out,
}
