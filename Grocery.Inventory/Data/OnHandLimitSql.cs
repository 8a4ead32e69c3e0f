using System.Globalization;
using Grocery.Inventory.Domain;

namespace Grocery.Inventory.Data;

/// <summary>
/// Receipts and adjustments refuse a line that would take on hand beyond what its column holds
/// (<see cref="InventoryLimits.MaxStoredQuantity"/>) with SQLSTATE GR004 and the line index, instead of
/// failing on a numeric overflow. Replaces two functions of <see cref="InventorySql"/>, which Down restores.
/// </summary>
internal static class OnHandLimitSql
{
    private static readonly string MaxOnHand = InventoryLimits.MaxStoredQuantity.ToString(CultureInfo.InvariantCulture);

    public static readonly string CreateFunctions = $$"""
-- On hand only grows here (receipts, adjustments); a sum past the column's precision would fail as a bare
-- numeric overflow. Lines apply in (SKU, position) order under the stock row locks, so the running
-- total per SKU is exact; the first line that would cross the limit is refused by its index.
CREATE OR REPLACE FUNCTION inventory_check_on_hand_limit(p_warehouse uuid, p_skus text[], p_deltas numeric[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE v_over record;
BEGIN
  SELECT x.n, x.sku, s.on_hand INTO v_over
  FROM (SELECT d.n, d.sku, sum(d.delta) OVER (PARTITION BY d.sku ORDER BY d.n) AS added
        FROM unnest(p_skus, p_deltas) WITH ORDINALITY AS d(sku, delta, n)) x
  JOIN stock_items s ON s.warehouse_id = p_warehouse AND s.sku = x.sku
  WHERE s.on_hand + x.added > {{MaxOnHand}}
  ORDER BY x.n
  LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION USING ERRCODE = 'GR004', HINT = (v_over.n - 1)::text,
      MESSAGE = format('%s on hand of %s; it cannot grow beyond {{MaxOnHand}}', v_over.on_hand, v_over.sku);
  END IF;
END
$$;

CREATE OR REPLACE FUNCTION inventory_receive(p_warehouse uuid, p_skus text[], p_qtys numeric[], p_best_before date[], p_lot_codes text[],
  p_low numeric[], p_actor text, p_reason text, p_now timestamptz) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE v_lock record; v_line record; v_lot uuid; v_lots jsonb := '[]'::jsonb;
BEGIN
  PERFORM inventory_ensure_stock(p_warehouse, p_skus, p_now);
  SELECT * INTO v_lock FROM inventory_lock_stock(array_fill(p_warehouse, ARRAY[cardinality(p_skus)]), p_skus);
  PERFORM inventory_check_on_hand_limit(p_warehouse, p_skus, p_qtys);
  FOR v_line IN
    SELECT x.sku, x.qty, x.best_before, x.lot_code, x.low, x.n
    FROM unnest(p_skus, p_qtys, p_best_before, p_lot_codes, p_low) WITH ORDINALITY AS x(sku, qty, best_before, lot_code, low, n)
    ORDER BY x.sku, x.n
  LOOP
    IF v_line.low IS NOT NULL THEN
      UPDATE stock_items SET low_threshold = v_line.low WHERE warehouse_id = p_warehouse AND sku = v_line.sku;
    END IF;
    v_lot := inventory_add_on_hand(p_warehouse, v_line.sku, v_line.qty, v_line.best_before, v_line.lot_code, 'received', NULL, p_actor, p_reason, p_now);
    v_lots := v_lots || jsonb_build_array(jsonb_build_object('line', v_line.n - 1, 'sku', v_line.sku, 'lotId', v_lot));
  END LOOP;
  RETURN jsonb_build_object('lots', v_lots, 'levels', inventory_level_changes(v_lock.o_warehouses, v_lock.o_skus, v_lock.o_available),
    'shortfalls', '[]'::jsonb);
END
$$;

-- Adjustments (signed deltas) and write-offs (negative deltas, optionally from a named lot). A line
-- that would take on hand (or its lot) below zero or beyond its column's limit aborts everything;
-- HINT carries the line index.
CREATE OR REPLACE FUNCTION inventory_change_on_hand(p_warehouse uuid, p_kind text, p_skus text[], p_deltas numeric[], p_lots uuid[],
  p_best_before date[], p_reasons text[], p_actor text, p_reason text, p_now timestamptz) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE v_lock record; v_line record; v_on_hand numeric; v_lot_qty numeric; v_short jsonb := '[]'::jsonb;
BEGIN
  PERFORM inventory_ensure_stock(p_warehouse, p_skus, p_now);
  SELECT * INTO v_lock FROM inventory_lock_stock(array_fill(p_warehouse, ARRAY[cardinality(p_skus)]), p_skus);
  PERFORM inventory_check_on_hand_limit(p_warehouse, p_skus, p_deltas);
  FOR v_line IN
    SELECT x.sku, x.delta, x.lot, x.best_before, x.reason, x.n
    FROM unnest(p_skus, p_deltas, p_lots, p_best_before, p_reasons) WITH ORDINALITY AS x(sku, delta, lot, best_before, reason, n)
    ORDER BY x.sku, x.n
  LOOP
    IF v_line.delta < 0 THEN
      SELECT on_hand INTO v_on_hand FROM stock_items WHERE warehouse_id = p_warehouse AND sku = v_line.sku;
      IF v_on_hand + v_line.delta < 0 THEN
        RAISE EXCEPTION USING ERRCODE = 'GR001', HINT = (v_line.n - 1)::text,
          MESSAGE = format('%s on hand of %s; cannot remove %s', v_on_hand, v_line.sku, -v_line.delta);
      END IF;
      IF v_line.lot IS NOT NULL THEN
        SELECT quantity INTO v_lot_qty FROM lots WHERE id = v_line.lot AND warehouse_id = p_warehouse AND sku = v_line.sku;
        IF NOT FOUND OR v_lot_qty + v_line.delta < 0 THEN
          RAISE EXCEPTION USING ERRCODE = 'GR002', HINT = (v_line.n - 1)::text,
            MESSAGE = format('lot %s of %s holds %s; cannot remove %s', v_line.lot, v_line.sku, coalesce(v_lot_qty, 0), -v_line.delta);
        END IF;
      END IF;
      v_short := v_short || inventory_take_on_hand(p_warehouse, v_line.sku, -v_line.delta, v_line.lot, p_kind, NULL, p_actor, coalesce(v_line.reason, p_reason), p_now);
    ELSIF v_line.delta > 0 THEN
      PERFORM inventory_add_on_hand(p_warehouse, v_line.sku, v_line.delta, v_line.best_before, NULL, p_kind, NULL, p_actor, coalesce(v_line.reason, p_reason), p_now);
    END IF;
  END LOOP;
  RETURN jsonb_build_object('levels', inventory_level_changes(v_lock.o_warehouses, v_lock.o_skus, v_lock.o_available), 'shortfalls', v_short);
END
$$;
""";

    public const string DropFunctions = InventorySql.Receive + "\n\n" + InventorySql.ChangeOnHand + """

DROP FUNCTION IF EXISTS inventory_check_on_hand_limit(uuid, text[], numeric[]);
""";
}
