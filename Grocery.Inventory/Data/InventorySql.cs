namespace Grocery.Inventory.Data;

/// <summary>
/// The stock functions. Every change runs inside one function call (one round trip), takes its row
/// locks in one global order — reservation row, then stock rows by (warehouse, SKU), then lots and
/// reservation lines — so concurrent operations never deadlock, and writes a ledger movement for
/// every change of on hand or reserved. Errors use SQLSTATE class GR (see <see cref="StockErrors"/>).
/// </summary>
internal static class InventorySql
{
    /// <summary>Every function as the first migration created it; later migrations replace some (see their Down).</summary>
    public const string CreateFunctions = Head + "\n\n" + Receive + "\n\n" + ChangeOnHand + "\n\n" + Tail;

    private const string Head = """
CREATE OR REPLACE FUNCTION inventory_stock_state(p_available numeric, p_low numeric) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN p_available <= 0 THEN 'Out' WHEN p_available <= p_low THEN 'Low' ELSE 'In' END
$$;

CREATE OR REPLACE FUNCTION inventory_lock_stock(p_warehouses uuid[], p_skus text[],
  OUT o_warehouses uuid[], OUT o_skus text[], OUT o_available numeric[])
LANGUAGE plpgsql AS $$
BEGIN
  IF (SELECT count(DISTINCT w) FROM unnest(p_warehouses) w) = 1 THEN
    -- One warehouse (every caller but the sweepers): a plain index scan on the primary key.
    SELECT array_agg(warehouse_id ORDER BY sku), array_agg(sku ORDER BY sku), array_agg(available ORDER BY sku)
    INTO o_warehouses, o_skus, o_available
    FROM (SELECT s.warehouse_id, s.sku, s.on_hand - s.reserved AS available FROM stock_items s
          WHERE s.warehouse_id = p_warehouses[1] AND s.sku = ANY(p_skus)
          ORDER BY s.sku FOR UPDATE) locked;
  ELSE
    SELECT array_agg(warehouse_id ORDER BY warehouse_id, sku), array_agg(sku ORDER BY warehouse_id, sku),
           array_agg(available ORDER BY warehouse_id, sku)
    INTO o_warehouses, o_skus, o_available
    FROM (SELECT s.warehouse_id, s.sku, s.on_hand - s.reserved AS available
          FROM stock_items s
          JOIN (SELECT DISTINCT w, k FROM unnest(p_warehouses, p_skus) AS x(w, k)) x ON s.warehouse_id = x.w AND s.sku = x.k
          WHERE s.sku = ANY(p_skus)
          ORDER BY s.warehouse_id, s.sku
          FOR UPDATE OF s) locked;
  END IF;
END
$$;

CREATE OR REPLACE FUNCTION inventory_level_changes(p_warehouses uuid[], p_skus text[], p_before numeric[]) RETURNS jsonb
LANGUAGE sql STABLE AS $$
  SELECT coalesce(jsonb_agg(jsonb_build_object('warehouseId', s.warehouse_id, 'sku', s.sku, 'available', s.on_hand - s.reserved,
           'state', inventory_stock_state(s.on_hand - s.reserved, s.low_threshold)) ORDER BY s.warehouse_id, s.sku), '[]'::jsonb)
  FROM unnest(p_warehouses, p_skus, p_before) AS b(warehouse_id, sku, available)
  JOIN stock_items s ON s.warehouse_id = b.warehouse_id AND s.sku = b.sku
  WHERE s.sku = ANY(p_skus)
    AND inventory_stock_state(coalesce(b.available, 0), s.low_threshold) <> inventory_stock_state(s.on_hand - s.reserved, s.low_threshold)
$$;

CREATE OR REPLACE FUNCTION inventory_reservation_json(p_order uuid, p_created boolean) RETURNS jsonb
LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object('orderId', r.order_id, 'warehouseId', r.warehouse_id, 'userId', r.user_id, 'status', r.status,
    'expiresAt', r.expires_at, 'createdAt', r.created_at, 'created', p_created,
    'lines', (SELECT coalesce(jsonb_agg(jsonb_build_object('sku', l.sku, 'quantity', l.quantity, 'reserved', l.reserved, 'picked', l.picked)
                ORDER BY l.sku), '[]'::jsonb) FROM reservation_lines l WHERE l.order_id = r.order_id),
    'shortfalls', coalesce(r.shortfalls, '[]'::jsonb))
  FROM reservations r WHERE r.order_id = p_order
$$;

-- Takes quantity off hand (FEFO across lots unless a lot is named). When on hand would fall below
-- what is reserved, the newest pending reservations (then confirmed ones) lose the difference and
-- are returned as shortfalls. The caller holds the stock row lock.
CREATE OR REPLACE FUNCTION inventory_take_on_hand(p_warehouse uuid, p_sku text, p_qty numeric, p_lot uuid, p_kind text,
  p_order uuid, p_actor text, p_reason text, p_now timestamptz) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  v_on_hand numeric; v_reserved numeric; v_deficit numeric; v_left numeric; v_take numeric;
  v_short jsonb := '[]'::jsonb; v_line record;
BEGIN
  IF p_qty <= 0 THEN RETURN v_short; END IF;
  SELECT on_hand, reserved INTO v_on_hand, v_reserved FROM stock_items WHERE warehouse_id = p_warehouse AND sku = p_sku;
  IF NOT FOUND OR v_on_hand < p_qty THEN
    RAISE EXCEPTION USING ERRCODE = 'GR001', MESSAGE = format('on hand of %s would become negative', p_sku);
  END IF;

  v_deficit := v_reserved - (v_on_hand - p_qty);
  IF v_deficit > 0 THEN
    v_left := v_deficit;
    FOR v_line IN
      SELECT rl.order_id, rl.quantity, rl.reserved
      FROM reservation_lines rl JOIN reservations r ON r.order_id = rl.order_id
      WHERE rl.sku = p_sku AND rl.reserved > 0 AND r.warehouse_id = p_warehouse
      ORDER BY (r.status = 'confirmed'), r.created_at DESC, rl.order_id
      FOR UPDATE OF rl
    LOOP
      v_take := least(v_line.reserved, v_left);
      UPDATE reservation_lines SET reserved = reserved - v_take WHERE order_id = v_line.order_id AND sku = p_sku;
      INSERT INTO stock_movements (warehouse_id, sku, lot_id, kind, on_hand_delta, reserved_delta, order_id, actor, reason, occurred_at)
      VALUES (p_warehouse, p_sku, NULL, 'released', 0, -v_take, v_line.order_id, p_actor, 'shortfall after ' || p_kind, p_now);
      v_short := v_short || jsonb_build_array(jsonb_build_object('orderId', v_line.order_id, 'warehouseId', p_warehouse, 'sku', p_sku,
                   'requested', v_line.quantity, 'available', v_line.reserved - v_take));
      v_left := v_left - v_take;
      EXIT WHEN v_left <= 0;
    END LOOP;
    IF v_left > 0 THEN
      RAISE EXCEPTION USING ERRCODE = 'GR900', MESSAGE = format('reserved of %s does not reconcile with its reservations', p_sku);
    END IF;
    UPDATE stock_items SET reserved = reserved - v_deficit WHERE warehouse_id = p_warehouse AND sku = p_sku;
  END IF;

  IF p_lot IS NOT NULL THEN
    UPDATE lots SET quantity = quantity - p_qty
    WHERE id = p_lot AND warehouse_id = p_warehouse AND sku = p_sku AND quantity >= p_qty;
    IF NOT FOUND THEN
      RAISE EXCEPTION USING ERRCODE = 'GR002', MESSAGE = format('lot %s of %s holds less than %s', p_lot, p_sku, p_qty);
    END IF;
    INSERT INTO stock_movements (warehouse_id, sku, lot_id, kind, on_hand_delta, reserved_delta, order_id, actor, reason, occurred_at)
    VALUES (p_warehouse, p_sku, p_lot, p_kind, -p_qty, 0, p_order, p_actor, p_reason, p_now);
  ELSE
    v_left := p_qty;
    FOR v_line IN
      SELECT id, quantity FROM lots
      WHERE warehouse_id = p_warehouse AND sku = p_sku AND quantity > 0
      ORDER BY best_before NULLS LAST, received_at, id
      FOR UPDATE
    LOOP
      v_take := least(v_line.quantity, v_left);
      UPDATE lots SET quantity = quantity - v_take WHERE id = v_line.id;
      INSERT INTO stock_movements (warehouse_id, sku, lot_id, kind, on_hand_delta, reserved_delta, order_id, actor, reason, occurred_at)
      VALUES (p_warehouse, p_sku, v_line.id, p_kind, -v_take, 0, p_order, p_actor, p_reason, p_now);
      v_left := v_left - v_take;
      EXIT WHEN v_left <= 0;
    END LOOP;
    IF v_left > 0 THEN
      RAISE EXCEPTION USING ERRCODE = 'GR900', MESSAGE = format('lots of %s do not add up to its on hand', p_sku);
    END IF;
  END IF;

  UPDATE stock_items SET on_hand = on_hand - p_qty, updated_at = p_now WHERE warehouse_id = p_warehouse AND sku = p_sku;
  RETURN v_short;
END
$$;

CREATE OR REPLACE FUNCTION inventory_add_on_hand(p_warehouse uuid, p_sku text, p_qty numeric, p_best_before date, p_lot_code text,
  p_kind text, p_order uuid, p_actor text, p_reason text, p_now timestamptz) RETURNS uuid
LANGUAGE plpgsql AS $$
DECLARE v_lot uuid := gen_random_uuid();
BEGIN
  INSERT INTO lots (id, warehouse_id, sku, lot_code, best_before, received_quantity, quantity, received_at)
  VALUES (v_lot, p_warehouse, p_sku, p_lot_code, p_best_before, p_qty, p_qty, p_now);
  INSERT INTO stock_movements (warehouse_id, sku, lot_id, kind, on_hand_delta, reserved_delta, order_id, actor, reason, occurred_at)
  VALUES (p_warehouse, p_sku, v_lot, p_kind, p_qty, 0, p_order, p_actor, p_reason, p_now);
  UPDATE stock_items SET on_hand = on_hand + p_qty, updated_at = p_now WHERE warehouse_id = p_warehouse AND sku = p_sku;
  RETURN v_lot;
END
$$;

CREATE OR REPLACE FUNCTION inventory_ensure_stock(p_warehouse uuid, p_skus text[], p_now timestamptz) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE v_low numeric;
BEGIN
  SELECT low_stock_threshold INTO v_low FROM warehouses WHERE id = p_warehouse;
  IF NOT FOUND THEN
    RAISE EXCEPTION USING ERRCODE = 'GR003', MESSAGE = format('warehouse %s does not exist', p_warehouse);
  END IF;
  INSERT INTO stock_items (warehouse_id, sku, on_hand, reserved, low_threshold, updated_at)
  SELECT p_warehouse, k, 0, 0, v_low, p_now FROM (SELECT DISTINCT k FROM unnest(p_skus) k) x ORDER BY k
  ON CONFLICT DO NOTHING;
END
$$;

CREATE OR REPLACE FUNCTION inventory_reserve(p_order uuid, p_warehouse uuid, p_user uuid, p_skus text[], p_qtys numeric[],
  p_expires_at timestamptz, p_actor text, p_now timestamptz) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  v_skus text[]; v_qtys numeric[]; v_short jsonb := '[]'::jsonb; v_levels jsonb := '[]'::jsonb;
  v_available numeric; v_low numeric; i int;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM warehouses WHERE id = p_warehouse) THEN
    RAISE EXCEPTION USING ERRCODE = 'GR003', MESSAGE = format('warehouse %s does not exist', p_warehouse);
  END IF;
  INSERT INTO reservations (order_id, warehouse_id, user_id, status, expires_at, created_at, updated_at, created_by)
  VALUES (p_order, p_warehouse, p_user, 'pending', p_expires_at, p_now, p_now, p_actor)
  ON CONFLICT (order_id) DO NOTHING;
  IF NOT FOUND THEN
    RETURN jsonb_build_object('reservation', inventory_reservation_json(p_order, false), 'levels', '[]'::jsonb, 'shortfalls', '[]'::jsonb);
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
    RETURN jsonb_build_object('reservation', inventory_reservation_json(p_order, true), 'levels', '[]'::jsonb, 'shortfalls', '[]'::jsonb);
  END IF;

  FOR i IN 1 .. cardinality(v_skus) LOOP
    UPDATE stock_items SET reserved = reserved + v_qtys[i], updated_at = p_now
    WHERE warehouse_id = p_warehouse AND sku = v_skus[i] AND on_hand - reserved >= v_qtys[i]
    RETURNING on_hand - reserved, low_threshold INTO v_available, v_low;
    IF NOT FOUND THEN
      RAISE EXCEPTION USING ERRCODE = 'GR900', MESSAGE = format('reservation %s lost line %s under its lock', p_order, v_skus[i]);
    END IF;
    IF inventory_stock_state(v_available + v_qtys[i], v_low) <> inventory_stock_state(v_available, v_low) THEN
      v_levels := v_levels || jsonb_build_array(jsonb_build_object('warehouseId', p_warehouse, 'sku', v_skus[i],
        'available', v_available, 'state', inventory_stock_state(v_available, v_low)));
    END IF;
  END LOOP;
  INSERT INTO reservation_lines (order_id, sku, quantity, reserved)
  SELECT p_order, sku, qty, qty FROM unnest(v_skus, v_qtys) AS w(sku, qty);
  INSERT INTO stock_movements (warehouse_id, sku, lot_id, kind, on_hand_delta, reserved_delta, order_id, actor, reason, occurred_at)
  SELECT p_warehouse, sku, NULL, 'reserved', 0, qty, p_order, p_actor, NULL, p_now FROM unnest(v_skus, v_qtys) AS w(sku, qty);
  RETURN jsonb_build_object('reservation', inventory_reservation_json(p_order, true), 'levels', v_levels, 'shortfalls', '[]'::jsonb);
END
$$;

-- Releases what the given (locked, active) reservations still hold.
CREATE OR REPLACE FUNCTION inventory_release_orders(p_orders uuid[], p_status text, p_actor text, p_reason text, p_now timestamptz) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE v_w uuid[]; v_s text[]; v_lock record; v_levels jsonb := '[]'::jsonb;
BEGIN
  SELECT array_agg(r.warehouse_id), array_agg(l.sku) INTO v_w, v_s
  FROM reservation_lines l JOIN reservations r ON r.order_id = l.order_id
  WHERE l.order_id = ANY(p_orders) AND l.reserved > 0;
  IF v_w IS NOT NULL THEN
    SELECT * INTO v_lock FROM inventory_lock_stock(v_w, v_s);
    WITH d AS (
      UPDATE reservation_lines l SET reserved = 0
      FROM reservation_lines o, reservations r
      WHERE o.order_id = l.order_id AND o.sku = l.sku AND r.order_id = l.order_id
        AND l.order_id = ANY(p_orders) AND l.reserved > 0
      RETURNING r.warehouse_id, l.order_id, l.sku, o.reserved AS qty),
    m AS (INSERT INTO stock_movements (warehouse_id, sku, lot_id, kind, on_hand_delta, reserved_delta, order_id, actor, reason, occurred_at)
          SELECT warehouse_id, sku, NULL, 'released', 0, -qty, order_id, p_actor, p_reason, p_now FROM d),
    agg AS (SELECT warehouse_id, sku, sum(qty) AS qty FROM d GROUP BY warehouse_id, sku)
    UPDATE stock_items s SET reserved = s.reserved - agg.qty, updated_at = p_now
    FROM agg WHERE s.warehouse_id = agg.warehouse_id AND s.sku = agg.sku AND s.sku = ANY(v_s);
    v_levels := inventory_level_changes(v_lock.o_warehouses, v_lock.o_skus, v_lock.o_available);
  END IF;
  UPDATE reservations SET status = p_status, updated_at = p_now WHERE order_id = ANY(p_orders);
  RETURN v_levels;
END
$$;

CREATE OR REPLACE FUNCTION inventory_release(p_order uuid, p_actor text, p_reason text, p_now timestamptz) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE v_status text; v_levels jsonb := '[]'::jsonb; v_changed boolean := false;
BEGIN
  SELECT status INTO v_status FROM reservations WHERE order_id = p_order FOR UPDATE;
  IF NOT FOUND THEN RETURN NULL; END IF;
  IF v_status IN ('pending', 'confirmed') THEN
    v_levels := inventory_release_orders(ARRAY[p_order], 'released', p_actor, p_reason, p_now);
    v_changed := true;
  END IF;
  RETURN jsonb_build_object('reservation', inventory_reservation_json(p_order, v_changed), 'levels', v_levels, 'shortfalls', '[]'::jsonb);
END
$$;

CREATE OR REPLACE FUNCTION inventory_confirm(p_order uuid, p_until timestamptz, p_actor text, p_now timestamptz) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE v_res record; v_levels jsonb := '[]'::jsonb; v_changed boolean := false;
BEGIN
  SELECT status, expires_at INTO v_res FROM reservations WHERE order_id = p_order FOR UPDATE;
  IF NOT FOUND THEN RETURN NULL; END IF;
  IF v_res.status = 'pending' AND v_res.expires_at <= p_now THEN
    -- Too late: the sweeper has not run yet, but the hold is over.
    v_levels := inventory_release_orders(ARRAY[p_order], 'expired', p_actor, 'reservation expired before confirmation', p_now);
    v_changed := true;
  ELSIF v_res.status IN ('pending', 'confirmed') THEN
    UPDATE reservations SET status = 'confirmed', expires_at = greatest(p_until, v_res.expires_at), updated_at = p_now WHERE order_id = p_order;
    v_changed := v_res.status = 'pending';
  END IF;
  RETURN jsonb_build_object('reservation', inventory_reservation_json(p_order, v_changed), 'levels', v_levels, 'shortfalls', '[]'::jsonb);
END
$$;

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

    /// <summary>inventory_receive as first created (replaced by <see cref="OnHandLimitSql"/>).</summary>
    public const string Receive = """
CREATE OR REPLACE FUNCTION inventory_receive(p_warehouse uuid, p_skus text[], p_qtys numeric[], p_best_before date[], p_lot_codes text[],
  p_low numeric[], p_actor text, p_reason text, p_now timestamptz) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE v_lock record; v_line record; v_lot uuid; v_lots jsonb := '[]'::jsonb;
BEGIN
  PERFORM inventory_ensure_stock(p_warehouse, p_skus, p_now);
  SELECT * INTO v_lock FROM inventory_lock_stock(array_fill(p_warehouse, ARRAY[cardinality(p_skus)]), p_skus);
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
""";

    /// <summary>inventory_change_on_hand as first created (replaced by <see cref="OnHandLimitSql"/>).</summary>
    public const string ChangeOnHand = """
-- Adjustments (signed deltas) and write-offs (negative deltas, optionally from a named lot). A line
-- that would take on hand (or its lot) below zero aborts everything; DETAIL carries the line index.
CREATE OR REPLACE FUNCTION inventory_change_on_hand(p_warehouse uuid, p_kind text, p_skus text[], p_deltas numeric[], p_lots uuid[],
  p_best_before date[], p_reasons text[], p_actor text, p_reason text, p_now timestamptz) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE v_lock record; v_line record; v_on_hand numeric; v_lot_qty numeric; v_short jsonb := '[]'::jsonb;
BEGIN
  PERFORM inventory_ensure_stock(p_warehouse, p_skus, p_now);
  SELECT * INTO v_lock FROM inventory_lock_stock(array_fill(p_warehouse, ARRAY[cardinality(p_skus)]), p_skus);
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

    private const string Tail = """
-- The sweeper: pending holds past their expiry and confirmed ones past slot end + grace.
CREATE OR REPLACE FUNCTION inventory_expire_reservations(p_now timestamptz, p_limit int) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE v_orders uuid[]; v_levels jsonb := '[]'::jsonb;
BEGIN
  SELECT array_agg(order_id) INTO v_orders FROM (
    SELECT order_id FROM reservations
    WHERE status IN ('pending', 'confirmed') AND expires_at <= p_now
    ORDER BY expires_at LIMIT p_limit
    FOR UPDATE SKIP LOCKED) due;
  IF v_orders IS NULL THEN
    RETURN jsonb_build_object('count', 0, 'levels', v_levels, 'shortfalls', '[]'::jsonb);
  END IF;
  v_levels := inventory_release_orders(v_orders, 'expired', 'system:reservation-sweeper', 'reservation expired', p_now);
  RETURN jsonb_build_object('count', cardinality(v_orders), 'levels', v_levels, 'shortfalls', '[]'::jsonb);
END
$$;

-- Writes off lots whose best-before date has passed in their warehouse's time zone.
CREATE OR REPLACE FUNCTION inventory_expire_lots(p_now timestamptz, p_limit int) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE v_ids uuid[]; v_w uuid[]; v_s text[]; v_lock record; v_line record; v_short jsonb := '[]'::jsonb; v_count int := 0;
BEGIN
  SELECT array_agg(id), array_agg(warehouse_id), array_agg(sku) INTO v_ids, v_w, v_s FROM (
    SELECT l.id, l.warehouse_id, l.sku FROM lots l JOIN warehouses w ON w.id = l.warehouse_id
    WHERE l.quantity > 0 AND l.best_before IS NOT NULL AND l.best_before < (p_now AT TIME ZONE w.time_zone)::date
    ORDER BY l.warehouse_id, l.sku, l.best_before LIMIT p_limit) due;
  IF v_ids IS NULL THEN
    RETURN jsonb_build_object('count', 0, 'levels', '[]'::jsonb, 'shortfalls', v_short);
  END IF;
  SELECT * INTO v_lock FROM inventory_lock_stock(v_w, v_s);
  FOR v_line IN SELECT id, warehouse_id, sku, quantity, best_before FROM lots WHERE id = ANY(v_ids) AND quantity > 0
           ORDER BY warehouse_id, sku, best_before, id FOR UPDATE LOOP
    v_short := v_short || inventory_take_on_hand(v_line.warehouse_id, v_line.sku, v_line.quantity, v_line.id, 'expired', NULL, 'system:lot-expiry',
      format('best before %s', v_line.best_before), p_now);
    v_count := v_count + 1;
  END LOOP;
  RETURN jsonb_build_object('count', v_count, 'levels', inventory_level_changes(v_lock.o_warehouses, v_lock.o_skus, v_lock.o_available),
    'shortfalls', v_short);
END
$$;
""";

    public const string DropFunctions = """
DROP FUNCTION IF EXISTS inventory_expire_lots(timestamptz, int);
DROP FUNCTION IF EXISTS inventory_expire_reservations(timestamptz, int);
DROP FUNCTION IF EXISTS inventory_change_on_hand(uuid, text, text[], numeric[], uuid[], date[], text[], text, text, timestamptz);
DROP FUNCTION IF EXISTS inventory_receive(uuid, text[], numeric[], date[], text[], numeric[], text, text, timestamptz);
DROP FUNCTION IF EXISTS inventory_consume(uuid, text[], numeric[], text, timestamptz);
DROP FUNCTION IF EXISTS inventory_confirm(uuid, timestamptz, text, timestamptz);
DROP FUNCTION IF EXISTS inventory_release(uuid, text, text, timestamptz);
DROP FUNCTION IF EXISTS inventory_release_orders(uuid[], text, text, text, timestamptz);
DROP FUNCTION IF EXISTS inventory_reserve(uuid, uuid, uuid, text[], numeric[], timestamptz, text, timestamptz);
DROP FUNCTION IF EXISTS inventory_ensure_stock(uuid, text[], timestamptz);
DROP FUNCTION IF EXISTS inventory_add_on_hand(uuid, text, numeric, date, text, text, uuid, text, text, timestamptz);
DROP FUNCTION IF EXISTS inventory_take_on_hand(uuid, text, numeric, uuid, text, uuid, text, text, timestamptz);
DROP FUNCTION IF EXISTS inventory_reservation_json(uuid, boolean);
DROP FUNCTION IF EXISTS inventory_level_changes(uuid[], text[], numeric[]);
DROP FUNCTION IF EXISTS inventory_lock_stock(uuid[], text[]);
DROP FUNCTION IF EXISTS inventory_stock_state(numeric, numeric);
""";
}
