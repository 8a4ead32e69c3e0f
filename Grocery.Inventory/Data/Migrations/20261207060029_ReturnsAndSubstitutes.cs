using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Grocery.Inventory.Data.Migrations
{
    /// <inheritdoc />
    public partial class ReturnsAndSubstitutes : Migration
    {
        /// <summary>The body this migration replaces, restored by Down.</summary>
        private const string PreviousConsume = """
CREATE OR REPLACE FUNCTION inventory_consume(p_order uuid, p_skus text[], p_picked numeric[], p_actor text, p_now timestamptz) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE v_res record; v_skus text[]; v_lock record; v_line record; v_on_hand numeric; v_short jsonb := '[]'::jsonb;
BEGIN
  SELECT order_id, warehouse_id, status INTO v_res FROM reservations WHERE order_id = p_order FOR UPDATE;
  IF NOT FOUND THEN RETURN NULL; END IF;
  IF v_res.status NOT IN ('pending', 'confirmed') THEN
    RETURN jsonb_build_object('reservation', inventory_reservation_json(p_order, false), 'levels', '[]'::jsonb, 'shortfalls', '[]'::jsonb);
  END IF;

  SELECT array_agg(k ORDER BY k) INTO v_skus
  FROM (SELECT sku FROM reservation_lines WHERE order_id = p_order UNION SELECT unnest(p_skus)) x(k);
  PERFORM inventory_ensure_stock(v_res.warehouse_id, v_skus, p_now);
  SELECT * INTO v_lock FROM inventory_lock_stock(array_fill(v_res.warehouse_id, ARRAY[cardinality(v_skus)]), v_skus);

  WITH d AS (
    UPDATE reservation_lines l SET reserved = 0
    FROM reservation_lines o
    WHERE o.order_id = l.order_id AND o.sku = l.sku AND l.order_id = p_order AND l.reserved > 0
    RETURNING l.sku, o.reserved AS qty),
  m AS (INSERT INTO stock_movements (warehouse_id, sku, lot_id, kind, on_hand_delta, reserved_delta, order_id, actor, reason, occurred_at)
        SELECT v_res.warehouse_id, sku, NULL, 'released', 0, -qty, p_order, p_actor, 'picked', p_now FROM d)
  UPDATE stock_items s SET reserved = s.reserved - d.qty, updated_at = p_now
  FROM d WHERE s.warehouse_id = v_res.warehouse_id AND s.sku = d.sku AND s.sku = ANY(v_skus);

  UPDATE reservation_lines l SET picked = coalesce(p.qty, 0)
  FROM (SELECT rl.sku, x.qty FROM reservation_lines rl
        LEFT JOIN (SELECT sku, sum(qty) AS qty FROM unnest(p_skus, p_picked) AS y(sku, qty) GROUP BY sku) x ON x.sku = rl.sku
        WHERE rl.order_id = p_order) p
  WHERE l.order_id = p_order AND l.sku = p.sku;

  FOR v_line IN SELECT sku, sum(qty) AS qty FROM unnest(p_skus, p_picked) AS y(sku, qty) GROUP BY sku HAVING sum(qty) > 0 ORDER BY sku LOOP
    SELECT on_hand INTO v_on_hand FROM stock_items WHERE warehouse_id = v_res.warehouse_id AND sku = v_line.sku;
    IF v_on_hand < v_line.qty THEN
      -- The shelf held more than the ledger said (e.g. a heavier weighed item): record the find first.
      PERFORM inventory_add_on_hand(v_res.warehouse_id, v_line.sku, v_line.qty - v_on_hand, NULL, NULL, 'adjusted', p_order, p_actor,
        'picked more than recorded on hand', p_now);
    END IF;
    v_short := v_short || inventory_take_on_hand(v_res.warehouse_id, v_line.sku, v_line.qty, NULL, 'picked', p_order, p_actor, NULL, p_now);
  END LOOP;

  UPDATE reservations SET status = 'consumed', updated_at = p_now WHERE order_id = p_order;
  RETURN jsonb_build_object('reservation', inventory_reservation_json(p_order, true),
    'levels', inventory_level_changes(v_lock.o_warehouses, v_lock.o_skus, v_lock.o_available), 'shortfalls', v_short);
END
$$;
""";

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_stock_movements_kind",
                table: "stock_movements");

            migrationBuilder.AddColumn<string>(
                name: "substitute_for",
                table: "reservation_lines",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "consumed_lines",
                columns: table => new
                {
                    order_id = table.Column<Guid>(type: "uuid", nullable: false),
                    sku = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    warehouse_id = table.Column<Guid>(type: "uuid", nullable: false),
                    quantity = table.Column<decimal>(type: "numeric(12,3)", nullable: false),
                    returned = table.Column<decimal>(type: "numeric(12,3)", nullable: false),
                    storage = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    consumed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_consumed_lines", x => new { x.order_id, x.sku });
                    table.CheckConstraint("ck_consumed_lines_quantity", "quantity > 0");
                    table.CheckConstraint("ck_consumed_lines_returned", "returned >= 0 AND returned <= quantity");
                    table.CheckConstraint("ck_consumed_lines_storage", "storage IN ('ambient', 'chilled', 'frozen')");
                });

            migrationBuilder.CreateTable(
                name: "stock_returns",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    warehouse_id = table.Column<Guid>(type: "uuid", nullable: false),
                    order_id = table.Column<Guid>(type: "uuid", nullable: false),
                    shipment_id = table.Column<Guid>(type: "uuid", nullable: false),
                    sku = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    quantity = table.Column<decimal>(type: "numeric(12,3)", nullable: false),
                    storage = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    source = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    inspected_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    inspected_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    inspection_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_stock_returns", x => x.id);
                    table.CheckConstraint("ck_stock_returns_quantity", "quantity > 0");
                    table.CheckConstraint("ck_stock_returns_source", "source IN ('delivery_failed', 'refused')");
                    table.CheckConstraint("ck_stock_returns_status", "status IN ('pending', 'restocked', 'written_off')");
                    table.CheckConstraint("ck_stock_returns_storage", "storage IN ('ambient', 'chilled', 'frozen')");
                });

            migrationBuilder.AddCheckConstraint(
                name: "ck_stock_movements_kind",
                table: "stock_movements",
                sql: "kind IN ('received', 'reserved', 'released', 'picked', 'adjusted', 'written_off', 'expired', 'returned')");

            migrationBuilder.CreateIndex(
                name: "ix_stock_returns_pending",
                table: "stock_returns",
                columns: new[] { "warehouse_id", "created_at" },
                filter: "status = 'pending'");

            migrationBuilder.CreateIndex(
                name: "ux_stock_returns_shipment_sku",
                table: "stock_returns",
                columns: new[] { "shipment_id", "sku" },
                unique: true);

            // inventory_consume gains the picked lines' storage: the old signature goes, then every current body.
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS inventory_consume(uuid, text[], numeric[], text, timestamptz);");
            migrationBuilder.Sql(InventorySql.CreateFunctions);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP FUNCTION IF EXISTS inventory_inspect_return(uuid, text, text, text, timestamptz);
                DROP FUNCTION IF EXISTS inventory_record_returns(uuid, uuid, text, text[], numeric[], text, timestamptz);
                DROP FUNCTION IF EXISTS inventory_substitute(uuid, text, text, numeric, text, timestamptz);
                DROP FUNCTION IF EXISTS inventory_consume(uuid, text[], numeric[], text[], text, timestamptz);
                """);
            migrationBuilder.Sql(PreviousConsume);

            migrationBuilder.DropTable(
                name: "consumed_lines");

            migrationBuilder.DropTable(
                name: "stock_returns");

            migrationBuilder.DropCheckConstraint(
                name: "ck_stock_movements_kind",
                table: "stock_movements");

            migrationBuilder.DropColumn(
                name: "substitute_for",
                table: "reservation_lines");

            migrationBuilder.AddCheckConstraint(
                name: "ck_stock_movements_kind",
                table: "stock_movements",
                sql: "kind IN ('received', 'reserved', 'released', 'picked', 'adjusted', 'written_off', 'expired')");
        }
    }
}
