using GraphQL;
using GraphQL.Types;

namespace Grocery.Gateway.GraphQL;

/// <summary>The storefront's one schema over the services: Catalog's products, categories and search, Identity's <c>me</c>, Ordering's basket and Delivery's slots.</summary>
public sealed class StorefrontSchema : Schema
{
    public StorefrontSchema(IServiceProvider services) : base(services)
    {
        Query = new StorefrontQuery();
        Mutation = new StorefrontMutation();
    }
}

public sealed class StorefrontQuery : ObjectGraphType
{
    public StorefrontQuery()
    {
        Name = "Query";

        Field<NonNullGraphType<ProductConnectionType>>("products")
            .Description("A page of the catalogue; pass pageInfo.endCursor as after for the next.")
            .Argument<IntGraphType>("first", a => a.DefaultValue = 20)
            .Argument<StringGraphType>("after")
            .Argument<ProductFilterType>("filter")
            .Argument<ProductSortType>("sort")
            .ResolveAsync(async context =>
            {
                var first = context.GetArgument<int>("first");
                if (first is < 1 or > 100) throw new ExecutionError("first is between 1 and 100.") { Code = "BAD_USER_INPUT" };
                return await Catalog(context).ListAsync(first, context.GetArgument<string?>("after"),
                    context.GetArgument<ProductFilter?>("filter"), context.GetArgument<string?>("sort"), context.CancellationToken);
            });

        Field<ProductType>("product")
            .Argument<NonNullGraphType<StringGraphType>>("slug")
            .ResolveAsync(async context => await Catalog(context).ProductAsync(context.GetArgument<string>("slug"), context.CancellationToken));

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CategoryType>>>>("categories")
            .Description("The category tree, top level first.")
            .ResolveAsync(async context => (await Catalog(context).CategoryTreeAsync(context.CancellationToken)).Roots);

        Field<NonNullGraphType<SearchResultType>>("search")
            .Argument<NonNullGraphType<StringGraphType>>("query")
            .Argument<IntGraphType>("first", a => a.DefaultValue = 24)
            .ResolveAsync(async context =>
            {
                var first = context.GetArgument<int>("first");
                if (first is < 1 or > 100) throw new ExecutionError("first is between 1 and 100.") { Code = "BAD_USER_INPUT" };
                return await Catalog(context).SearchAsync(context.GetArgument<string>("query"), first, context.CancellationToken);
            });

        Field<MeType>("me")
            .Description("The signed-in shopper; an UNAUTHENTICATED error without a valid token.")
            .Resolve(context =>
            {
                RequireSignedIn(context, "Sign in to see your profile.");
                return new SignedInShopper();
            });

        Field<NonNullGraphType<BasketType>>("basket")
            .Description("The signed-in shopper's basket, priced now.")
            .ResolveAsync(async context =>
            {
                RequireSignedIn(context, "Sign in to see your basket.");
                return await context.RequestServices!.GetRequiredService<OrderingClient>().BasketAsync(context.CancellationToken);
            });

        Field<OrderType>("order")
            .Description("One of the signed-in shopper's orders; null when the shopper has no order with this id (another shopper's included).")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async context =>
            {
                RequireSignedIn(context, "Sign in to see your order.");
                var id = StorefrontMutation.ParseId(context.GetArgument<string>("id"), "id");
                return await context.RequestServices!.GetRequiredService<OrderingClient>().OrderAsync(id, context.CancellationToken);
            });

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SlotType>>>>("slots")
            .Description("Delivery windows for the postcode between from and to (default: the whole calendar); empty where no zone delivers.")
            .Argument<NonNullGraphType<StringGraphType>>("postcode")
            .Argument<DateTimeOffsetGraphType>("from")
            .Argument<DateTimeOffsetGraphType>("to")
            .ResolveAsync(async context =>
            {
                var delivery = context.RequestServices!.GetRequiredService<DeliveryClient>();
                if (await delivery.ZoneForAsync(context.GetArgument<string>("postcode"), context.CancellationToken) is not { } zone)
                    return Array.Empty<DeliverySlot>();
                var from = context.GetArgument<DateTimeOffset?>("from");
                var to = context.GetArgument<DateTimeOffset?>("to");
                return (await delivery.SlotsAsync(zone.ZoneId, context.CancellationToken))
                    .Where(s => (from is null || s.WindowEnd > from) && (to is null || s.WindowStart < to)).ToList();
            });

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SuggestionType>>>>("suggest")
            .Argument<NonNullGraphType<StringGraphType>>("query")
            .ResolveAsync(async context => (await Catalog(context).SuggestAsync(context.GetArgument<string>("query"), context.CancellationToken)).Items);
    }

    private static CatalogClient Catalog(IResolveFieldContext context) => context.RequestServices!.GetRequiredService<CatalogClient>();

    /// <summary>Refuses before any downstream call, so an anonymous caller costs the services nothing.</summary>
    internal static void RequireSignedIn(IResolveFieldContext context, string message)
    {
        if (context.User?.Identity?.IsAuthenticated != true)
            throw new ExecutionError(message) { Code = StorefrontErrors.Unauthenticated };
    }
}

public sealed class ProductType : ObjectGraphType<CatalogProduct>
{
    public ProductType()
    {
        Name = "Product";
        Field(p => p.Id, type: typeof(NonNullGraphType<IdGraphType>));
        Field(p => p.Sku);
        Field(p => p.Slug);
        Field(p => p.Name);
        Field(p => p.NameEn);
        Field(p => p.Brand);
        Field(p => p.Price);
        Field(p => p.UnitPrice);
        Field(p => p.UnitPriceUnit);
        Field(p => p.SoldBy);
        Field(p => p.Unit);
        Field(p => p.NetContent);
        Field(p => p.DietaryTags);
        Field(p => p.Image, nullable: true);
        Field(p => p.Availability, nullable: true).Description("In stock, low or out, at the shopper's warehouse.");
        Field(p => p.Description, nullable: true).Description("Only on a product page.");
        Field(p => p.Images, nullable: true);
        Field(p => p.Allergens, nullable: true);
        Field<CategoryType>("category").Resolve(OwnCategory);
    }

    private static object? OwnCategory(IResolveFieldContext<CatalogProduct> context)
    {
        if (context.Source.OwnCategoryId is not { } id) return null;
        // A tree Catalog still lets us keep answers at once; otherwise the whole level shares one fetch.
        var services = context.RequestServices!;
        return services.GetRequiredService<CategoryTreeCache>().TryGetFresh(out var tree)
            ? tree.ById.GetValueOrDefault(id)
            : services.GetRequiredService<StorefrontLoaders>().Categories.Load(id);
    }
}

public sealed class CategoryType : ObjectGraphType<CatalogCategory>
{
    public CategoryType()
    {
        Name = "Category";
        Field(c => c.Id);
        Field(c => c.Name);
        Field(c => c.Slug);
        Field(c => c.ProductCount);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CategoryType>>>>("children").Resolve(context => context.Source.Children);
    }
}

public sealed class ProductConnectionType : ObjectGraphType<CatalogProductPage>
{
    public ProductConnectionType()
    {
        Name = "ProductConnection";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ProductType>>>>("nodes").Resolve(context => context.Source.Items);
        Field<NonNullGraphType<PageInfoType>>("pageInfo").Resolve(context => new PageInfo(context.Source.NextCursor));
    }
}

/// <summary>Where a page ends, for every connection (products, orders): the cursor to pass as after, null on the last page.</summary>
public sealed record PageInfo(string? EndCursor);

public sealed class PageInfoType : ObjectGraphType<PageInfo>
{
    public PageInfoType()
    {
        Name = "PageInfo";
        Field<NonNullGraphType<BooleanGraphType>>("hasNextPage").Resolve(context => context.Source.EndCursor is not null);
        Field<StringGraphType>("endCursor").Resolve(context => context.Source.EndCursor);
    }
}

public sealed class SearchResultType : ObjectGraphType<CatalogSearchResults>
{
    public SearchResultType()
    {
        Name = "SearchResult";
        Field(r => r.Query);
        Field(r => r.InterpretedAs).Description("The query as the search understood it (spelling corrected, synonyms applied).");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ProductType>>>>("items").Resolve(context => context.Source.Items);
    }
}

public sealed class SuggestionType : ObjectGraphType<CatalogSuggestion>
{
    public SuggestionType()
    {
        Name = "Suggestion";
        Field(s => s.Name);
        Field(s => s.NameEn);
        Field(s => s.Slug);
        Field(s => s.Sku);
    }
}

public sealed class ProductFilterType : InputObjectGraphType<ProductFilter>
{
    public ProductFilterType()
    {
        Name = "ProductFilter";
        Field(f => f.Category, nullable: true).Description("A category slug.");
        Field(f => f.Brands, nullable: true);
        Field(f => f.MinPrice, nullable: true);
        Field(f => f.MaxPrice, nullable: true);
        Field(f => f.InStock, nullable: true);
    }
}

public sealed class ProductSortType : EnumerationGraphType
{
    public ProductSortType()
    {
        Name = "ProductSort";
        Add("RELEVANCE", "relevance");
        Add("PRICE", "price");
        Add("PRICE_DESC", "-price");
        Add("UNIT_PRICE", "unit_price");
        Add("NAME", "name");
        Add("NEWEST", "newest");
    }
}

/// <summary>Stands for the caller in <c>me</c>; each field asks Identity with the caller's token.</summary>
public sealed record SignedInShopper;

public sealed class MeType : ObjectGraphType<SignedInShopper>
{
    public MeType()
    {
        Name = "Me";
        Field<NonNullGraphType<ProfileType>>("profile")
            .ResolveAsync(async context => await Identity(context).ProfileAsync(context.CancellationToken));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<AddressType>>>>("addresses")
            .ResolveAsync(async context => await Identity(context).AddressesAsync(context.CancellationToken));
        Field<NonNullGraphType<OrderConnectionType>>("orders")
            .Description("The shopper's orders, newest first; pass pageInfo.endCursor as after for the next page.")
            .Argument<IntGraphType>("first", a => a.DefaultValue = 10)
            .Argument<StringGraphType>("after")
            .ResolveAsync(async context =>
            {
                var first = context.GetArgument<int>("first");
                if (first is < 1 or > MaxOrdersPage) throw new ExecutionError($"first is between 1 and {MaxOrdersPage}.") { Code = "BAD_USER_INPUT" };
                return await context.RequestServices!.GetRequiredService<OrderingClient>()
                    .OrdersAsync(first, context.GetArgument<string?>("after"), context.CancellationToken);
            });
    }

    /// <summary>Ordering's own limit for a page of orders.</summary>
    private const int MaxOrdersPage = 100;

    private static IdentityClient Identity(IResolveFieldContext context) => context.RequestServices!.GetRequiredService<IdentityClient>();
}

public sealed class ProfileType : ObjectGraphType<IdentityProfile>
{
    public ProfileType()
    {
        Name = "Profile";
        Field(p => p.Id, type: typeof(NonNullGraphType<IdGraphType>));
        Field(p => p.Email);
        Field(p => p.Name, nullable: true);
        Field(p => p.Phone, nullable: true);
        Field(p => p.DefaultSubstitution);
        Field(p => p.MarketingConsent);
        Field(p => p.Roles);
    }
}

public sealed class AddressType : ObjectGraphType<IdentityAddress>
{
    public AddressType()
    {
        Name = "Address";
        Field(a => a.Id, type: typeof(NonNullGraphType<IdGraphType>));
        Field(a => a.Label);
        Field(a => a.Street);
        Field(a => a.Ward, nullable: true);
        Field(a => a.District);
        Field(a => a.City);
        Field(a => a.PostalCode, nullable: true);
        Field(a => a.IsDefault);
    }
}
