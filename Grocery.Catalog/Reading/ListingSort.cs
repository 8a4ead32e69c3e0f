namespace Grocery.Catalog.Reading;

public enum ListingSort
{
    Relevance,
    PriceAsc,
    PriceDesc,
    UnitPriceAsc,
    NameAsc,
    Newest,
}

public static class ListingSorts
{
    public static bool TryParse(string? value, out ListingSort sort)
    {
        sort = value switch
        {
            null or "" or "relevance" => ListingSort.Relevance,
            "price" or "price_asc" => ListingSort.PriceAsc,
            "-price" or "price_desc" => ListingSort.PriceDesc,
            "unit_price" or "unitPrice" => ListingSort.UnitPriceAsc,
            "name" => ListingSort.NameAsc,
            "newest" => ListingSort.Newest,
            _ => (ListingSort)(-1),
        };
        return sort >= 0;
    }

    public static string Name(this ListingSort sort) => sort switch
    {
        ListingSort.PriceAsc => "price",
        ListingSort.PriceDesc => "-price",
        ListingSort.UnitPriceAsc => "unit_price",
        ListingSort.NameAsc => "name",
        ListingSort.Newest => "newest",
        _ => "relevance",
    };
}
