using GraphQL;
using GraphQL.Types;

namespace Grocery.Gateway.GraphQL;

public sealed class BasketType : ObjectGraphType<OrderingBasket>
{
    public BasketType()
    {
        Name = "Basket";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<BasketLineType>>>>("lines").Resolve(context => context.Source.Lines);
        Field(b => b.Subtotal);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<VatLineType>>>>("vat").Resolve(context => context.Source.Vat)
            .Description("The VAT included in the prices, per rate.");
        Field(b => b.DeliveryFee);
        Field(b => b.Total);
        Field(b => b.IsEstimate).Description("True while weighed goods make the total an estimate until picking.");
        Field<BasketZoneType>("zone").Resolve(context => context.Source.Zone);
        Field(b => b.PricesChanged);
    }
}

public sealed class BasketLineType : ObjectGraphType<OrderingBasketLine>
{
    public BasketLineType()
    {
        Name = "BasketLine";
        Field(l => l.ProductId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(l => l.Sku);
        Field(l => l.Name);
        Field(l => l.Quantity);
        Field(l => l.Unit);
        Field(l => l.UnitPrice);
        Field(l => l.LineTotal);
        Field(l => l.IsEstimate);
        Field(l => l.VatRate);
        Field(l => l.Available);
        Field(l => l.PriceChanged);
        Field(l => l.PreviousPrice, nullable: true);
        Field(l => l.Substitution);
        Field(l => l.SubstituteSku, nullable: true);
        Field(l => l.Note, nullable: true);
        Field<ProductType>("product")
            .Description("The product as Catalog shows it now; one Catalog call for the whole basket.")
            .Resolve(context => context.RequestServices!.GetRequiredService<StorefrontLoaders>().Products.Load(context.Source.ProductId));
    }
}

public sealed class VatLineType : ObjectGraphType<OrderingVat>
{
    public VatLineType()
    {
        Name = "VatLine";
        Field(v => v.Rate);
        Field(v => v.Gross);
        Field(v => v.Vat);
    }
}

public sealed class BasketZoneType : ObjectGraphType<OrderingBasketZone>
{
    public BasketZoneType()
    {
        Name = "BasketZone";
        Field(z => z.ZoneId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(z => z.Name, nullable: true);
        Field(z => z.MinimumBasketValue);
        Field(z => z.MeetsMinimum);
        Field(z => z.AmountToMinimum);
    }
}

public sealed class SubstitutionType : EnumerationGraphType
{
    public SubstitutionType()
    {
        Name = "Substitution";
        Description = "What the picker may do when the product is short: nothing (remove it), a similar product, or only the named SKU.";
        Add("NONE", "None");
        Add("ANY_SIMILAR", "AnySimilar");
        Add("NAMED_SKU", "NamedSku");
    }
}

public sealed class BasketLineInputType : InputObjectGraphType<BasketLineInput>
{
    public BasketLineInputType()
    {
        Name = "BasketLineInput";
        Field(l => l.ProductId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(l => l.Quantity).Description("Pieces, or kilograms for weighed goods (0.1 kg steps).");
        Field(l => l.Substitution, type: typeof(SubstitutionType));
        Field(l => l.SubstituteSku, nullable: true);
        Field(l => l.Note, nullable: true);
    }
}
