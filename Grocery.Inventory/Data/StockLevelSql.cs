namespace Grocery.Inventory.Data;

/// <summary>
/// Coalesced stock level events. A function that makes available cross a threshold only flags the
/// stock row (<c>level_changed</c>), under the row lock it already holds; <see cref="ClaimChangedLevels"/>
/// later clears the flags and the publisher writes one StockLevelChanged per row with the level as it is
/// then. Reserving therefore never writes an outbox row and runs as one autocommitted statement.
/// Replaces two functions of <see cref="InventorySql"/> (same signatures, so Down restores them).
/// </summary>
internal static class StockLevelSql
{
    public const string CreateFunctions = """
CREATE OR REPLACE FUNCTION inventory_level_changes(p_warehouses uuid[], p_skus text[], p_before numeric[]) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE v_levels jsonb;
BEGIN
  -- The caller holds the rows' locks (inventory_lock_stock).
  WITH changed AS (
    UPDATE stock_items s SET level_changed = true
    FROM unnest(p_warehouses, p_skus, p_before) AS b(warehouse_id, sku, available)
    WHERE s.warehouse_id = b.warehouse_id AND s.sku = b.sku AND s.sku = ANY(p_skus)
      AND inventory_stock_state(coalesce(b.available, 0), s.low_threshold) <> inventory_stock_state(s.on_hand - s.reserved, s.low_threshold)
    RETURNING s.warehouse_id, s.sku, s.on_hand - s.reserved AS available, inventory_stock_state(s.on_hand - s.reserved, s.low_threshold) AS state)
  SELECT coalesce(jsonb_agg(jsonb_build_object('warehouseId', warehouse_id, 'sku', sku, 'available', available, 'state', state)
           ORDER BY warehouse_id, sku), '[]'::jsonb)
  INTO v_levels FROM changed;
  RETURN v_levels;
END
$$;

-- Returns {"reservation": ...} for a repeat (the stored reservation), {"shortfalls": [...]} when a
-- line is short (the reservation is stored as failed) and {} when every line was reserved: the
-- caller knows the rest (lines, times) from its own arguments.
CREATE OR REPLACE FUNCTION inventory_reserve(p_order uuid, p_warehouse uuid, p_user uuid, p_skus text[], p_qtys numeric[],
  p_expires_at timestamptz, p_actor text, p_now timestamptz) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  v_skus text[]; v_qtys numeric[]; v_short jsonb := '[]'::jsonb; v_available numeric; i int;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM warehouses WHERE id = p_warehouse) THEN
    RAISE EXCEPTION USING ERRCODE = 'GR003', MESSAGE = format('warehouse %s does not exist', p_warehouse);
  END IF;
  INSERT INTO reservations (order_id, warehouse_id, user_id, status, expires_at, created_at, updated_at, created_by)
  VALUES (p_order, p_warehouse, p_user, 'pending', p_expires_at, p_now, p_now, p_actor)
  ON CONFLICT (order_id) DO NOTHING;
  IF NOT FOUND THEN
    RETURN jsonb_build_object('reservation', inventory_reservation_json(p_order, false));
  END IF;

  SELECT array_agg(sku ORDER BY sku), array_agg(qty ORDER BY sku) INTO v_skus, v_qtys
  FROM (SELECT sku, sum(qty) AS qty FROM unnest(p_skus, p_qtys) AS x(sku, qty) GROUP BY sku) g;

  -- Lock every line's stock row in SKU order (one order for every reservation, so concurrent
  -- multi-line orders never deadlock), then decide all or nothing on what the locks protect.
  FOR i IN 1 .. cardinality(v_skus) LOOP
    SELECT on_hand - reserved INTO v_available FROM stock_items
    WHERE warehouse_id = p_warehouse AND sku = v_skus[i] FOR UPDATE;
    IF NOT FOUND THEN v_available := 0; END IF;
    IF v_available < v_qtys[i] THEN
      v_short := v_short || jsonb_build_array(jsonb_build_object('sku', v_skus[i], 'requested', v_qtys[i], 'available', greatest(v_available, 0)));
    END IF;
  END LOOP;

  IF jsonb_array_length(v_short) > 0 THEN
    UPDATE reservations SET status = 'failed', shortfalls = v_short WHERE order_id = p_order;
    INSERT INTO reservation_lines (order_id, sku, quantity, reserved)
    SELECT p_order, sku, qty, 0 FROM unnest(v_skus, v_qtys) AS w(sku, qty);
    RETURN jsonb_build_object('shortfalls', v_short);
  END IF;

  -- Every row is locked by now, so one statement updates them all. The flag only flips on a
  -- threshold crossing; an unchanged flag keeps the update HOT.
  UPDATE stock_items s SET reserved = s.reserved + w.qty, updated_at = p_now,
    level_changed = s.level_changed
      OR inventory_stock_state(s.on_hand - s.reserved, s.low_threshold) <> inventory_stock_state(s.on_hand - s.reserved - w.qty, s.low_threshold)
  FROM unnest(v_skus, v_qtys) AS w(sku, qty)
  WHERE s.warehouse_id = p_warehouse AND s.sku = w.sku AND s.on_hand - s.reserved >= w.qty;
  GET DIAGNOSTICS i = ROW_COUNT;
  IF i <> cardinality(v_skus) THEN
    RAISE EXCEPTION USING ERRCODE = 'GR900', MESSAGE = format('reservation %s lost a line under its lock', p_order);
  END IF;
  INSERT INTO reservation_lines (order_id, sku, quantity, reserved)
  SELECT p_order, sku, qty, qty FROM unnest(v_skus, v_qtys) AS w(sku, qty);
  INSERT INTO stock_movements (warehouse_id, sku, lot_id, kind, on_hand_delta, reserved_delta, order_id, actor, reason, occurred_at)
  SELECT p_warehouse, sku, NULL, 'reserved', 0, qty, p_order, p_actor, NULL, p_now FROM unnest(v_skus, v_qtys) AS w(sku, qty);
  RETURN '{}'::jsonb;
END
$$;
""";

    /// <summary>
    /// Clears up to $1 flags and returns those rows' current level. SKIP LOCKED: a row being changed
    /// right now is left for the next round, and replicas never wait for each other.
    /// </summary>
    public const string ClaimChangedLevels = """
        UPDATE stock_items s SET level_changed = false
          FROM (SELECT warehouse_id, sku FROM stock_items WHERE level_changed ORDER BY warehouse_id, sku LIMIT $1 FOR UPDATE SKIP LOCKED) d
         WHERE s.warehouse_id = d.warehouse_id AND s.sku = d.sku
        RETURNING s.warehouse_id, s.sku, s.on_hand - s.reserved, s.low_threshold
        """;
}
