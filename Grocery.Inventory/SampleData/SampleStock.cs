using Grocery.Inventory.Stock;

namespace Grocery.Inventory.SampleData;

/// <summary>
/// The sample store's opening stock, the same on every machine: most SKUs arrive as two lots (one
/// close to its best-before date, one fresh, so first-expiry-first-out has something to do), some are
/// low and a few are out of stock so shoppers see every stock state.
/// </summary>
public static class SampleStock
{
    public static string SkuOf(int number) => $"GR{number:D6}";

    public static IEnumerable<ReceiptLine> Receipts(int skuCount, DateOnly today)
    {
        for (var n = 1; n <= skuCount; n++)
        {
            if (n % 40 == 0) continue; // never received: out of stock
            var sku = SkuOf(n);
            if (n % 13 == 0)
            {
                yield return new ReceiptLine(sku, 3, today.AddDays(5 + n % 20), $"L{n:D6}-A", null);
                continue;
            }
            var quantity = 20 + n % 61;
            yield return new ReceiptLine(sku, quantity / 3 + 1, today.AddDays(2 + n % 5), $"L{n:D6}-A", null);
            yield return new ReceiptLine(sku, quantity, today.AddDays(10 + n % 170), $"L{n:D6}-B", null);
        }
    }
}
