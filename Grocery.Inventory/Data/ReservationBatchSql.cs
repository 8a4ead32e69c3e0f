namespace Grocery.Inventory.Data;

/// <summary>
/// Reservations decided in batches: one call reserves several orders, each all or nothing, in arrival
/// order, sharing the round trip, the plan, the row locks and the commit (the HTTP path sends what
/// arrived while its previous call ran; an event handler sends one order inside its transaction).
/// Replaces <c>inventory_reserve</c> of <see cref="StockLevelSql"/>, which Down restores.
/// </summary>
internal static class ReservationBatchSql
{
    public const string CreateFunction = """
-- Lines come order after order (p_line_counts says how many each has), merged per SKU by the caller.
-- Returns one row per order: 'reserved'; 'short' with the shortfalls (stored as a failed
-- reservation); 'repeat' with the stored reservation; 'unknown-warehouse' (nothing stored).
CREATE OR REPLACE FUNCTION inventory_reserve_batch(p_orders uuid[], p_warehouses uuid[], p_users uuid[], p_actors text[],
  p_line_counts int[], p_skus text[], p_qtys numeric[], p_expires_at timestamptz, p_now timestamptz)
RETURNS TABLE (o_position int, o_outcome text, o_detail jsonb)
LANGUAGE plpgsql
-- Every statement here is a key lookup whatever the arrays hold; planning them afresh on each call
-- (custom plans) cost more than running them: 1,083 µs against 482 µs for an order alone.
SET plan_cache_mode = force_generic_plan
AS $$
DECLARE
  v_line_order int[];       -- each line's order (position in p_orders)
  v_known boolean[];        -- the order's warehouse exists
  v_new boolean[];          -- the order's reservation was inserted by this call (else a repeat)
  v_lock record;            -- the stock rows of the new orders, locked in (warehouse, SKU) order
  v_available numeric[];    -- what each locked row has left as the orders are decided
  v_row int[];              -- each line's index into the locked rows (NULL when the SKU has no stock row)
  v_reserved boolean[];
  v_shortfalls jsonb[];
  v_short jsonb;
  v_failed int := 0; v_first int := 1; v_last int; v_fits boolean; v_updated int; v_order int; v_line int;
BEGIN
  SELECT array_agg(x.i::int ORDER BY x.i) INTO v_line_order
  FROM unnest(p_line_counts) WITH ORDINALITY AS x(c, i), generate_series(1, x.c);

  SELECT array_agg(w.id IS NOT NULL ORDER BY x.i) INTO v_known
  FROM unnest(p_warehouses) WITH ORDINALITY AS x(w, i) LEFT JOIN warehouses w ON w.id = x.w;

  -- Inserted in order id order, so two calls never wait on each other's new keys crosswise.
  WITH inserted AS (
    INSERT INTO reservations (order_id, warehouse_id, user_id, status, expires_at, created_at, updated_at, created_by)
    SELECT x.o, x.w, x.u, 'pending', p_expires_at, p_now, p_now, x.a
    FROM unnest(p_orders, p_warehouses, p_users, p_actors) WITH ORDINALITY AS x(o, w, u, a, i)
    WHERE v_known[x.i]
    ORDER BY x.o
    ON CONFLICT (order_id) DO NOTHING
    RETURNING order_id)
  SELECT array_agg(x.o IN (SELECT order_id FROM inserted) ORDER BY x.i) INTO v_new
  FROM unnest(p_orders) WITH ORDINALITY AS x(o, i);

  v_reserved := array_fill(false, ARRAY[cardinality(p_orders)]);
  v_shortfalls := array_fill(NULL::jsonb, ARRAY[cardinality(p_orders)]);

  IF true = ANY(v_new) THEN
    -- The same lock order as every other stock function, so concurrent calls never deadlock.
    SELECT * INTO v_lock FROM inventory_lock_stock(
      ARRAY(SELECT p_warehouses[v_line_order[n]] FROM generate_subscripts(p_skus, 1) AS n WHERE v_new[v_line_order[n]]),
      ARRAY(SELECT p_skus[n] FROM generate_subscripts(p_skus, 1) AS n WHERE v_new[v_line_order[n]]));
    v_available := v_lock.o_available;

    SELECT array_agg(k.r::int ORDER BY n) INTO v_row
    FROM generate_subscripts(p_skus, 1) AS n
    LEFT JOIN unnest(v_lock.o_warehouses, v_lock.o_skus) WITH ORDINALITY AS k(w, s, r)
      ON k.w = p_warehouses[v_line_order[n]] AND k.s = p_skus[n];

    FOR v_order IN 1 .. cardinality(p_orders) LOOP
      v_last := v_first + p_line_counts[v_order] - 1;
      IF v_new[v_order] THEN
        v_fits := true;
        FOR v_line IN v_first .. v_last LOOP
          IF v_row[v_line] IS NULL OR v_available[v_row[v_line]] < p_qtys[v_line] THEN v_fits := false; EXIT; END IF;
        END LOOP;
        IF v_fits THEN
          FOR v_line IN v_first .. v_last LOOP
            v_available[v_row[v_line]] := v_available[v_row[v_line]] - p_qtys[v_line];
          END LOOP;
          v_reserved[v_order] := true;
        ELSE
          SELECT jsonb_agg(jsonb_build_object('sku', p_skus[g.n], 'requested', p_qtys[g.n],
                   'available', greatest(coalesce(v_available[v_row[g.n]], 0), 0)) ORDER BY g.n)
          INTO v_short
          FROM generate_series(v_first, v_last) AS g(n)
          WHERE v_row[g.n] IS NULL OR v_available[v_row[g.n]] < p_qtys[g.n];
          v_shortfalls[v_order] := v_short;
          v_failed := v_failed + 1;
        END IF;
      END IF;
      v_first := v_last + 1;
    END LOOP;

    -- The flag only flips on a threshold crossing; an unchanged flag keeps the update HOT. The
    -- condition on available restates what the locks already guarantee.
    UPDATE stock_items s SET reserved = s.reserved + d.qty, updated_at = p_now,
      level_changed = s.level_changed
        OR inventory_stock_state(s.on_hand - s.reserved, s.low_threshold) <> inventory_stock_state(s.on_hand - s.reserved - d.qty, s.low_threshold)
    FROM (SELECT v_lock.o_warehouses[v_row[n]] AS warehouse_id, v_lock.o_skus[v_row[n]] AS sku, sum(p_qtys[n]) AS qty
          FROM generate_subscripts(p_skus, 1) AS n WHERE v_reserved[v_line_order[n]] GROUP BY 1, 2) d
    WHERE s.warehouse_id = d.warehouse_id AND s.sku = d.sku AND s.sku = ANY(v_lock.o_skus) AND s.on_hand - s.reserved >= d.qty;
    GET DIAGNOSTICS v_updated = ROW_COUNT;
    IF v_updated <> (SELECT count(DISTINCT v_row[n]) FROM generate_subscripts(p_skus, 1) AS n WHERE v_reserved[v_line_order[n]]) THEN
      RAISE EXCEPTION USING ERRCODE = 'GR900', MESSAGE = 'a reservation batch lost a line under its locks';
    END IF;

    INSERT INTO reservation_lines (order_id, sku, quantity, reserved)
    SELECT p_orders[v_line_order[n]], p_skus[n], p_qtys[n], CASE WHEN v_reserved[v_line_order[n]] THEN p_qtys[n] ELSE 0 END
    FROM generate_subscripts(p_skus, 1) AS n WHERE v_new[v_line_order[n]];
    INSERT INTO stock_movements (warehouse_id, sku, lot_id, kind, on_hand_delta, reserved_delta, order_id, actor, reason, occurred_at)
    SELECT p_warehouses[v_line_order[n]], p_skus[n], NULL, 'reserved', 0, p_qtys[n], p_orders[v_line_order[n]], p_actors[v_line_order[n]], NULL, p_now
    FROM generate_subscripts(p_skus, 1) AS n WHERE v_reserved[v_line_order[n]];
    IF v_failed > 0 THEN
      UPDATE reservations r SET status = 'failed', shortfalls = v_shortfalls[x.i]
      FROM unnest(p_orders) WITH ORDINALITY AS x(o, i)
      WHERE r.order_id = x.o AND r.order_id = ANY(p_orders) AND v_new[x.i] AND NOT v_reserved[x.i];
    END IF;
  END IF;

  RETURN QUERY
  SELECT x.i::int,
    CASE WHEN NOT v_known[x.i] THEN 'unknown-warehouse' WHEN NOT v_new[x.i] THEN 'repeat' WHEN v_reserved[x.i] THEN 'reserved' ELSE 'short' END,
    CASE WHEN v_known[x.i] AND NOT v_new[x.i] THEN inventory_reservation_json(x.o, false) ELSE v_shortfalls[x.i] END
  FROM unnest(p_orders) WITH ORDINALITY AS x(o, i);
END
$$;

DROP FUNCTION IF EXISTS inventory_reserve(uuid, uuid, uuid, text[], numeric[], timestamptz, text, timestamptz);
""";

    public const string DropFunction = """
DROP FUNCTION IF EXISTS inventory_reserve_batch(uuid[], uuid[], uuid[], text[], int[], text[], numeric[], timestamptz, timestamptz);
""";
}
