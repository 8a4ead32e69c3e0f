namespace Grocery.Catalog.Data;

/// <summary>
/// Every change of a product's price or unit price, written by a trigger so that admin writes, the CSV
/// import and any future writer record it in the same transaction. <c>xid</c> is the writing
/// transaction, which a listing's snapshot (pg_snapshot) can tell visible or not: that is how later
/// pages of a cursor listing find the prices its first page saw.
/// </summary>
public static class PriceHistorySchema
{
    public const string Create = """
        CREATE TABLE product_price_history (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            product_id uuid NOT NULL REFERENCES products (id) ON DELETE CASCADE,
            xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
            changed_at timestamptz NOT NULL DEFAULT now(),
            old_price numeric(14,0) NOT NULL,
            old_unit_price numeric(14,0) NOT NULL,
            new_price numeric(14,0) NOT NULL,
            new_unit_price numeric(14,0) NOT NULL);
        CREATE INDEX ix_product_price_history_xid ON product_price_history (xid);
        CREATE INDEX ix_product_price_history_product ON product_price_history (product_id, id);

        CREATE FUNCTION record_product_price_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO product_price_history (product_id, old_price, old_unit_price, new_price, new_unit_price)
            VALUES (OLD.id, OLD.price, OLD.unit_price, NEW.price, NEW.unit_price);
            RETURN NULL;
        END $$;

        CREATE TRIGGER products_price_history AFTER UPDATE OF price, unit_price ON products FOR EACH ROW
            WHEN (OLD.price IS DISTINCT FROM NEW.price OR OLD.unit_price IS DISTINCT FROM NEW.unit_price)
            EXECUTE FUNCTION record_product_price_change();
        """;

    public const string Drop = """
        DROP TRIGGER products_price_history ON products;
        DROP FUNCTION record_product_price_change();
        DROP TABLE product_price_history;
        """;
}
