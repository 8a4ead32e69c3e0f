CREATE SCHEMA firestore;
CREATE SCHEMA messaging;
CREATE FUNCTION public.inventory_add_on_hand(p_warehouse uuid, p_sku text, p_qty numeric, p_best_before date, p_lot_code text, p_kind text, p_order uuid, p_actor text, p_reason text, p_now timestamp with time zone) RETURNS uuid
    LANGUAGE plpgsql
    AS $$
DECLARE v_lot uuid := gen_random_uuid();
BEGIN
  INSERT INTO lots (id, warehouse_id, sku, lot_code, best_before, received_quantity, quantity, received_at)
  VALUES (v_lot, p_warehouse, p_sku, p_lot_code, p_best_before, p_qty, p_qty, p_now);
  INSERT INTO stock_movements (warehouse_id, sku, lot_id, kind, on_hand_delta, reserved_delta, order_id, actor, reason, occurred_at)
  VALUES (p_warehouse, p_sku, v_lot, p_kind, p_qty, 0, p_order, p_actor, p_reason, p_now);
  UPDATE stock_items SET on_hand = on_hand + p_qty, updated_at = p_now, version = version + 1
  WHERE warehouse_id = p_warehouse AND sku = p_sku;
  INSERT INTO stock_changes (warehouse_id, sku) VALUES (p_warehouse, p_sku) ON CONFLICT DO NOTHING;
  RETURN v_lot;
END
$$;
CREATE FUNCTION public.inventory_change_on_hand(p_warehouse uuid, p_kind text, p_skus text[], p_deltas numeric[], p_lots uuid[], p_best_before date[], p_reasons text[], p_actor text, p_reason text, p_now timestamp with time zone) RETURNS jsonb
    LANGUAGE plpgsql
    AS $$
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
CREATE FUNCTION public.inventory_check_on_hand_limit(p_warehouse uuid, p_skus text[], p_deltas numeric[]) RETURNS void
    LANGUAGE plpgsql
    AS $$
DECLARE v_over record;
BEGIN
  SELECT x.n, x.sku, s.on_hand INTO v_over
  FROM (SELECT d.n, d.sku, sum(d.delta) OVER (PARTITION BY d.sku ORDER BY d.n) AS added
        FROM unnest(p_skus, p_deltas) WITH ORDINALITY AS d(sku, delta, n)) x
  JOIN stock_items s ON s.warehouse_id = p_warehouse AND s.sku = x.sku
  WHERE s.on_hand + x.added > 999999999.999
  ORDER BY x.n
  LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION USING ERRCODE = 'GR004', HINT = (v_over.n - 1)::text,
      MESSAGE = format('%s on hand of %s; it cannot grow beyond 999999999.999', v_over.on_hand, v_over.sku);
  END IF;
END
$$;
CREATE FUNCTION public.inventory_confirm(p_order uuid, p_until timestamp with time zone, p_actor text, p_now timestamp with time zone) RETURNS jsonb
    LANGUAGE plpgsql
    AS $$
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
CREATE FUNCTION public.inventory_consume(p_order uuid, p_skus text[], p_picked numeric[], p_storage text[], p_actor text, p_now timestamp with time zone) RETURNS jsonb
    LANGUAGE plpgsql
    AS $$
DECLARE v_res record; v_skus text[]; v_lock record; v_line record; v_on_hand numeric; v_short jsonb := '[]'::jsonb;
BEGIN
  SELECT order_id, warehouse_id, status INTO v_res FROM reservations WHERE order_id = p_order FOR UPDATE;
  IF NOT FOUND THEN RETURN NULL; END IF;
  IF v_res.status = 'consumed' THEN
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
        SELECT v_res.warehouse_id, sku, NULL, 'released', 0, -qty, p_order, p_actor, 'picked', p_now FROM d),
  changed AS (UPDATE stock_items s SET reserved = s.reserved - d.qty, updated_at = p_now, version = s.version + 1
              FROM d WHERE s.warehouse_id = v_res.warehouse_id AND s.sku = d.sku AND s.sku = ANY(v_skus)
              RETURNING s.warehouse_id, s.sku)
  INSERT INTO stock_changes (warehouse_id, sku) SELECT warehouse_id, sku FROM changed ORDER BY 1, 2 ON CONFLICT DO NOTHING;
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
  INSERT INTO consumed_lines (order_id, sku, warehouse_id, quantity, returned, storage, consumed_at)
  SELECT p_order, sku, v_res.warehouse_id, sum(qty), 0,
    (array_agg(storage ORDER BY CASE storage WHEN 'frozen' THEN 2 WHEN 'chilled' THEN 1 ELSE 0 END DESC))[1], p_now
  FROM unnest(p_skus, p_picked, p_storage) AS y(sku, qty, storage) GROUP BY sku HAVING sum(qty) > 0
  ON CONFLICT DO NOTHING;
  UPDATE reservations SET status = 'consumed', updated_at = p_now WHERE order_id = p_order;
  RETURN jsonb_build_object('reservation', inventory_reservation_json(p_order, true),
    'levels', inventory_level_changes(v_lock.o_warehouses, v_lock.o_skus, v_lock.o_available), 'shortfalls', v_short);
END
$$;
CREATE FUNCTION public.inventory_ensure_stock(p_warehouse uuid, p_skus text[], p_now timestamp with time zone) RETURNS void
    LANGUAGE plpgsql
    AS $$
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
CREATE FUNCTION public.inventory_expire_lots(p_now timestamp with time zone, p_limit integer) RETURNS jsonb
    LANGUAGE plpgsql
    AS $$
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
CREATE FUNCTION public.inventory_expire_reservations(p_now timestamp with time zone, p_limit integer) RETURNS jsonb
    LANGUAGE plpgsql
    AS $$
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
CREATE FUNCTION public.inventory_inspect_return(p_return uuid, p_decision text, p_actor text, p_reason text, p_now timestamp with time zone) RETURNS jsonb
    LANGUAGE plpgsql
    AS $$
DECLARE v_ret record; v_lock record; v_lot uuid; v_short jsonb := '[]'::jsonb;
BEGIN
  SELECT * INTO v_ret FROM stock_returns WHERE id = p_return FOR UPDATE;
  IF NOT FOUND THEN RETURN NULL; END IF;
  IF v_ret.status <> 'pending' THEN
    RETURN jsonb_build_object('outcome', CASE WHEN v_ret.status = p_decision THEN 'repeat' ELSE 'decided' END,
      'levels', '[]'::jsonb, 'shortfalls', '[]'::jsonb);
  END IF;
  PERFORM inventory_ensure_stock(v_ret.warehouse_id, ARRAY[v_ret.sku], p_now);
  SELECT * INTO v_lock FROM inventory_lock_stock(ARRAY[v_ret.warehouse_id], ARRAY[v_ret.sku]);
  PERFORM inventory_check_on_hand_limit(v_ret.warehouse_id, ARRAY[v_ret.sku], ARRAY[v_ret.quantity]);
  v_lot := inventory_add_on_hand(v_ret.warehouse_id, v_ret.sku, v_ret.quantity, NULL, NULL, 'returned', v_ret.order_id, p_actor,
    CASE v_ret.source WHEN 'refused' THEN 'refused at the door' ELSE 'delivery failed' END, p_now);
  IF p_decision = 'written_off' THEN
    v_short := inventory_take_on_hand(v_ret.warehouse_id, v_ret.sku, v_ret.quantity, v_lot, 'written_off', v_ret.order_id, p_actor,
      p_reason, p_now);
  END IF;
  UPDATE stock_returns SET status = p_decision, inspected_at = p_now, inspected_by = p_actor, inspection_reason = p_reason
  WHERE id = p_return;
  RETURN jsonb_build_object('outcome', 'inspected',
    'levels', inventory_level_changes(v_lock.o_warehouses, v_lock.o_skus, v_lock.o_available), 'shortfalls', v_short);
END
$$;
CREATE FUNCTION public.inventory_level_changes(p_warehouses uuid[], p_skus text[], p_before numeric[]) RETURNS jsonb
    LANGUAGE plpgsql
    AS $$
DECLARE v_levels jsonb;
BEGIN
  -- The caller holds the rows' locks (inventory_lock_stock).
  WITH changed AS (
    SELECT s.warehouse_id, s.sku, s.on_hand - s.reserved AS available, inventory_stock_state(s.on_hand - s.reserved, s.low_threshold) AS state
    FROM stock_items s JOIN unnest(p_warehouses, p_skus, p_before) AS b(warehouse_id, sku, available)
      ON s.warehouse_id = b.warehouse_id AND s.sku = b.sku
    WHERE s.sku = ANY(p_skus)
      AND inventory_stock_state(coalesce(b.available, 0), s.low_threshold) <> inventory_stock_state(s.on_hand - s.reserved, s.low_threshold))
  SELECT coalesce(jsonb_agg(jsonb_build_object('warehouseId', warehouse_id, 'sku', sku, 'available', available, 'state', state)
           ORDER BY warehouse_id, sku), '[]'::jsonb)
  INTO v_levels FROM changed;
  RETURN v_levels;
END
$$;
CREATE FUNCTION public.inventory_lock_stock(p_warehouses uuid[], p_skus text[], OUT o_warehouses uuid[], OUT o_skus text[], OUT o_available numeric[]) RETURNS record
    LANGUAGE plpgsql
    AS $$
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
CREATE FUNCTION public.inventory_receive(p_warehouse uuid, p_skus text[], p_qtys numeric[], p_best_before date[], p_lot_codes text[], p_low numeric[], p_actor text, p_reason text, p_now timestamp with time zone) RETURNS jsonb
    LANGUAGE plpgsql
    AS $$
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
      -- The line's receipt below marks the row changed.
      UPDATE stock_items SET low_threshold = v_line.low, version = version + 1
      WHERE warehouse_id = p_warehouse AND sku = v_line.sku AND low_threshold <> v_line.low;
    END IF;
    v_lot := inventory_add_on_hand(p_warehouse, v_line.sku, v_line.qty, v_line.best_before, v_line.lot_code, 'received', NULL, p_actor, p_reason, p_now);
    v_lots := v_lots || jsonb_build_array(jsonb_build_object('line', v_line.n - 1, 'sku', v_line.sku, 'lotId', v_lot));
  END LOOP;
  RETURN jsonb_build_object('lots', v_lots, 'levels', inventory_level_changes(v_lock.o_warehouses, v_lock.o_skus, v_lock.o_available),
    'shortfalls', '[]'::jsonb);
END
$$;
CREATE FUNCTION public.inventory_record_returns(p_order uuid, p_shipment uuid, p_source text, p_skus text[], p_qtys numeric[], p_note text, p_now timestamp with time zone) RETURNS jsonb
    LANGUAGE plpgsql
    AS $$
DECLARE v_line record; v_qty numeric; v_count int := 0;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM consumed_lines WHERE order_id = p_order) THEN
    RETURN jsonb_build_object('consumed', false, 'count', 0);
  END IF;
  FOR v_line IN
    SELECT c.sku, c.warehouse_id, c.quantity - c.returned AS remaining, c.storage, r.qty AS asked
    FROM consumed_lines c
    LEFT JOIN (SELECT sku, sum(qty) AS qty FROM unnest(p_skus, p_qtys) AS y(sku, qty) GROUP BY sku) r ON r.sku = c.sku
    WHERE c.order_id = p_order AND (p_skus IS NULL OR r.sku IS NOT NULL)
    ORDER BY c.sku
    FOR UPDATE OF c
  LOOP
    v_qty := least(v_line.remaining, coalesce(v_line.asked, v_line.remaining));
    CONTINUE WHEN v_qty <= 0;
    INSERT INTO stock_returns (id, warehouse_id, order_id, shipment_id, sku, quantity, storage, source, note, status, created_at)
    VALUES (gen_random_uuid(), v_line.warehouse_id, p_order, p_shipment, v_line.sku, v_qty, v_line.storage, p_source, p_note, 'pending', p_now)
    ON CONFLICT (shipment_id, sku) DO NOTHING;
    IF FOUND THEN
      UPDATE consumed_lines SET returned = returned + v_qty WHERE order_id = p_order AND sku = v_line.sku;
      v_count := v_count + 1;
    END IF;
  END LOOP;
  RETURN jsonb_build_object('consumed', true, 'count', v_count);
END
$$;
CREATE FUNCTION public.inventory_release(p_order uuid, p_actor text, p_reason text, p_now timestamp with time zone) RETURNS jsonb
    LANGUAGE plpgsql
    AS $$
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
CREATE FUNCTION public.inventory_release_orders(p_orders uuid[], p_status text, p_actor text, p_reason text, p_now timestamp with time zone) RETURNS jsonb
    LANGUAGE plpgsql
    AS $$
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
    agg AS (SELECT warehouse_id, sku, sum(qty) AS qty FROM d GROUP BY warehouse_id, sku),
    changed AS (UPDATE stock_items s SET reserved = s.reserved - agg.qty, updated_at = p_now, version = s.version + 1
                FROM agg WHERE s.warehouse_id = agg.warehouse_id AND s.sku = agg.sku AND s.sku = ANY(v_s)
                RETURNING s.warehouse_id, s.sku)
    INSERT INTO stock_changes (warehouse_id, sku) SELECT warehouse_id, sku FROM changed ORDER BY 1, 2 ON CONFLICT DO NOTHING;
    v_levels := inventory_level_changes(v_lock.o_warehouses, v_lock.o_skus, v_lock.o_available);
  END IF;
  UPDATE reservations SET status = p_status, updated_at = p_now WHERE order_id = ANY(p_orders);
  RETURN v_levels;
END
$$;
CREATE FUNCTION public.inventory_reservation_json(p_order uuid, p_created boolean) RETURNS jsonb
    LANGUAGE sql STABLE
    AS $$
  SELECT jsonb_build_object('orderId', r.order_id, 'warehouseId', r.warehouse_id, 'userId', r.user_id, 'status', r.status,
    'expiresAt', r.expires_at, 'createdAt', r.created_at, 'created', p_created,
    'lines', (SELECT coalesce(jsonb_agg(jsonb_build_object('sku', l.sku, 'quantity', l.quantity, 'reserved', l.reserved, 'picked', l.picked)
                ORDER BY l.sku), '[]'::jsonb) FROM reservation_lines l WHERE l.order_id = r.order_id),
    'shortfalls', coalesce(r.shortfalls, '[]'::jsonb))
  FROM reservations r WHERE r.order_id = p_order
$$;
CREATE FUNCTION public.inventory_reserve_batch(p_orders uuid[], p_warehouses uuid[], p_users uuid[], p_actors text[], p_line_counts integer[], p_skus text[], p_qtys numeric[], p_expires_at timestamp with time zone, p_now timestamp with time zone) RETURNS TABLE(o_position integer, o_outcome text, o_detail jsonb)
    LANGUAGE plpgsql
    SET plan_cache_mode TO 'force_generic_plan'
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
    -- No indexed column changes, so the update stays HOT; the row is marked changed in stock_changes
    -- (a no-op when it already is). The condition on available restates what the locks already guarantee.
    WITH changed AS (
      UPDATE stock_items s SET reserved = s.reserved + d.qty, updated_at = p_now, version = s.version + 1
      FROM (SELECT v_lock.o_warehouses[v_row[n]] AS warehouse_id, v_lock.o_skus[v_row[n]] AS sku, sum(p_qtys[n]) AS qty
            FROM generate_subscripts(p_skus, 1) AS n WHERE v_reserved[v_line_order[n]] GROUP BY 1, 2) d
      WHERE s.warehouse_id = d.warehouse_id AND s.sku = d.sku AND s.sku = ANY(v_lock.o_skus) AND s.on_hand - s.reserved >= d.qty
      RETURNING s.warehouse_id, s.sku),
    marked AS (INSERT INTO stock_changes (warehouse_id, sku) SELECT warehouse_id, sku FROM changed ORDER BY 1, 2 ON CONFLICT DO NOTHING)
    SELECT count(*) INTO v_updated FROM changed;
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
CREATE FUNCTION public.inventory_stock_state(p_available numeric, p_low numeric) RETURNS text
    LANGUAGE sql IMMUTABLE
    AS $$
  SELECT CASE WHEN p_available <= 0 THEN 'Out' WHEN p_available <= p_low THEN 'Low' ELSE 'In' END
$$;
CREATE FUNCTION public.inventory_substitute(p_order uuid, p_original text, p_sku text, p_qty numeric, p_actor text, p_now timestamp with time zone) RETURNS jsonb
    LANGUAGE plpgsql
    AS $$
DECLARE v_res record; v_lock record; v_available numeric;
BEGIN
  SELECT order_id, warehouse_id, status INTO v_res FROM reservations WHERE order_id = p_order FOR UPDATE;
  IF NOT FOUND THEN RETURN NULL; END IF;
  IF v_res.status NOT IN ('pending', 'confirmed') THEN
    RETURN jsonb_build_object('outcome', 'inactive', 'reservation', inventory_reservation_json(p_order, false));
  END IF;
  IF NOT EXISTS (SELECT 1 FROM reservation_lines WHERE order_id = p_order AND sku = p_original) THEN
    RETURN jsonb_build_object('outcome', 'unknown-original', 'reservation', inventory_reservation_json(p_order, false));
  END IF;
  SELECT * INTO v_lock FROM inventory_lock_stock(ARRAY[v_res.warehouse_id], ARRAY[p_sku]);
  v_available := coalesce(v_lock.o_available[1], 0);
  IF v_available < p_qty THEN
    RETURN jsonb_build_object('outcome', 'short', 'available', greatest(v_available, 0),
      'reservation', inventory_reservation_json(p_order, false));
  END IF;
  -- The condition restates what the lock guarantees; a miss would mean the ledger is broken.
  UPDATE stock_items SET reserved = reserved + p_qty, updated_at = p_now, version = version + 1
  WHERE warehouse_id = v_res.warehouse_id AND sku = p_sku AND on_hand - reserved >= p_qty;
  IF NOT FOUND THEN
    RAISE EXCEPTION USING ERRCODE = 'GR900', MESSAGE = format('available of %s changed under its lock', p_sku);
  END IF;
  INSERT INTO stock_changes (warehouse_id, sku) VALUES (v_res.warehouse_id, p_sku) ON CONFLICT DO NOTHING;
  INSERT INTO reservation_lines AS l (order_id, sku, quantity, reserved, substitute_for)
  VALUES (p_order, p_sku, p_qty, p_qty, p_original)
  -- The SKU may already be a line of the order (ordered, or an earlier substitute): it holds more, and keeps what it was.
  ON CONFLICT (order_id, sku) DO UPDATE SET quantity = l.quantity + excluded.quantity, reserved = l.reserved + excluded.reserved;
  INSERT INTO stock_movements (warehouse_id, sku, lot_id, kind, on_hand_delta, reserved_delta, order_id, actor, reason, occurred_at)
  VALUES (v_res.warehouse_id, p_sku, NULL, 'reserved', 0, p_qty, p_order, p_actor, left('substitute for ' || p_original, 500), p_now);
  UPDATE reservations SET updated_at = p_now WHERE order_id = p_order;
  RETURN jsonb_build_object('outcome', 'reserved', 'reservation', inventory_reservation_json(p_order, true),
    'levels', inventory_level_changes(v_lock.o_warehouses, v_lock.o_skus, v_lock.o_available), 'shortfalls', '[]'::jsonb);
END
$$;
CREATE FUNCTION public.inventory_take_on_hand(p_warehouse uuid, p_sku text, p_qty numeric, p_lot uuid, p_kind text, p_order uuid, p_actor text, p_reason text, p_now timestamp with time zone) RETURNS jsonb
    LANGUAGE plpgsql
    AS $$
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
    UPDATE stock_items SET reserved = reserved - v_deficit, version = version + 1
    WHERE warehouse_id = p_warehouse AND sku = p_sku;
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
  UPDATE stock_items SET on_hand = on_hand - p_qty, updated_at = p_now, version = version + 1
  WHERE warehouse_id = p_warehouse AND sku = p_sku;
  INSERT INTO stock_changes (warehouse_id, sku) VALUES (p_warehouse, p_sku) ON CONFLICT DO NOTHING;
  RETURN v_short;
END
$$;
CREATE TABLE firestore.live_documents (
    collection character varying(100) NOT NULL,
    document_id character varying(300) NOT NULL,
    fields bytea NOT NULL,
    version bigint NOT NULL,
    written_version bigint NOT NULL,
    changed_at timestamp with time zone NOT NULL,
    written_at timestamp with time zone
);
CREATE TABLE messaging.dead_letters (
    id bigint NOT NULL,
    consumer_group text NOT NULL,
    topic text NOT NULL,
    partition integer NOT NULL,
    "offset" bigint NOT NULL,
    partition_key text NOT NULL,
    message_id text NOT NULL,
    event_type text,
    payload text NOT NULL,
    error text NOT NULL,
    attempts integer NOT NULL,
    status integer NOT NULL,
    dead_lettered_at timestamp with time zone NOT NULL,
    resolved_at timestamp with time zone
);
ALTER TABLE messaging.dead_letters ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME messaging.dead_letters_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);
CREATE TABLE messaging.inbox_messages (
    consumer_group text NOT NULL,
    message_id text NOT NULL,
    event_type text NOT NULL,
    processed_at timestamp with time zone NOT NULL
);
CREATE TABLE messaging.outbox_messages (
    id bigint NOT NULL,
    message_id uuid NOT NULL,
    topic character varying(249) NOT NULL,
    partition_key text NOT NULL,
    event_type text NOT NULL,
    payload text NOT NULL,
    traceparent text,
    created_at timestamp with time zone NOT NULL,
    published_at timestamp with time zone,
    attempts integer NOT NULL,
    last_error text
);
ALTER TABLE messaging.outbox_messages ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME messaging.outbox_messages_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);
CREATE TABLE messaging.parked_messages (
    id bigint NOT NULL,
    consumer_group text NOT NULL,
    topic text NOT NULL,
    partition integer NOT NULL,
    "offset" bigint NOT NULL,
    partition_key text NOT NULL,
    message_id text NOT NULL,
    payload text NOT NULL,
    parked_at timestamp with time zone NOT NULL
);
ALTER TABLE messaging.parked_messages ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME messaging.parked_messages_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);
CREATE TABLE public.__ef_migrations_history (
    "MigrationId" character varying(150) NOT NULL,
    "ProductVersion" character varying(32) NOT NULL
);
CREATE TABLE public.consumed_lines (
    order_id uuid NOT NULL,
    sku character varying(64) NOT NULL,
    warehouse_id uuid NOT NULL,
    quantity numeric(12,3) NOT NULL,
    returned numeric(12,3) NOT NULL,
    storage character varying(16) NOT NULL,
    consumed_at timestamp with time zone NOT NULL,
    CONSTRAINT ck_consumed_lines_quantity CHECK ((quantity > (0)::numeric)),
    CONSTRAINT ck_consumed_lines_returned CHECK (((returned >= (0)::numeric) AND (returned <= quantity))),
    CONSTRAINT ck_consumed_lines_storage CHECK (((storage)::text = ANY ((ARRAY['ambient'::character varying, 'chilled'::character varying, 'frozen'::character varying])::text[])))
);
CREATE TABLE public.idempotency_records (
    key character varying(128) NOT NULL,
    operation character varying(32) NOT NULL,
    status_code integer NOT NULL,
    response jsonb,
    created_at timestamp with time zone NOT NULL
);
CREATE TABLE public.lots (
    id uuid NOT NULL,
    warehouse_id uuid NOT NULL,
    sku character varying(64) NOT NULL,
    lot_code character varying(64),
    best_before date,
    received_quantity numeric(12,3) NOT NULL,
    quantity numeric(12,3) NOT NULL,
    received_at timestamp with time zone NOT NULL,
    CONSTRAINT ck_lots_quantity CHECK (((quantity >= (0)::numeric) AND (quantity <= received_quantity)))
);
CREATE TABLE public.reservation_lines (
    order_id uuid NOT NULL,
    sku character varying(64) NOT NULL,
    quantity numeric(12,3) NOT NULL,
    reserved numeric(12,3) NOT NULL,
    picked numeric(12,3),
    substitute_for character varying(64),
    CONSTRAINT ck_reservation_lines_picked CHECK (((picked IS NULL) OR (picked >= (0)::numeric))),
    CONSTRAINT ck_reservation_lines_quantity CHECK ((quantity > (0)::numeric)),
    CONSTRAINT ck_reservation_lines_reserved CHECK (((reserved >= (0)::numeric) AND (reserved <= quantity)))
)
WITH (fillfactor='80');
CREATE TABLE public.reservations (
    order_id uuid NOT NULL,
    warehouse_id uuid NOT NULL,
    user_id uuid,
    status character varying(16) NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    created_by character varying(128) NOT NULL,
    shortfalls jsonb,
    CONSTRAINT ck_reservations_status CHECK (((status)::text = ANY ((ARRAY['pending'::character varying, 'confirmed'::character varying, 'consumed'::character varying, 'released'::character varying, 'expired'::character varying, 'failed'::character varying])::text[])))
)
WITH (fillfactor='80');
CREATE TABLE public.stock_changes (
    warehouse_id uuid NOT NULL,
    sku character varying(64) NOT NULL
);
CREATE TABLE public.stock_items (
    warehouse_id uuid NOT NULL,
    sku character varying(64) NOT NULL,
    on_hand numeric(12,3) NOT NULL,
    reserved numeric(12,3) NOT NULL,
    low_threshold numeric(12,3) NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    version bigint DEFAULT 1 NOT NULL,
    CONSTRAINT ck_stock_items_available CHECK ((reserved <= on_hand)),
    CONSTRAINT ck_stock_items_on_hand CHECK ((on_hand >= (0)::numeric)),
    CONSTRAINT ck_stock_items_reserved CHECK ((reserved >= (0)::numeric))
)
WITH (fillfactor='70');
CREATE TABLE public.stock_movements (
    id bigint NOT NULL,
    warehouse_id uuid NOT NULL,
    sku character varying(64) NOT NULL,
    lot_id uuid,
    kind character varying(16) NOT NULL,
    on_hand_delta numeric(12,3) NOT NULL,
    reserved_delta numeric(12,3) NOT NULL,
    order_id uuid,
    actor character varying(128) NOT NULL,
    reason character varying(500),
    occurred_at timestamp with time zone NOT NULL,
    CONSTRAINT ck_stock_movements_kind CHECK (((kind)::text = ANY ((ARRAY['received'::character varying, 'reserved'::character varying, 'released'::character varying, 'picked'::character varying, 'adjusted'::character varying, 'written_off'::character varying, 'expired'::character varying, 'returned'::character varying])::text[])))
);
ALTER TABLE public.stock_movements ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.stock_movements_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);
CREATE TABLE public.stock_returns (
    id uuid NOT NULL,
    warehouse_id uuid NOT NULL,
    order_id uuid NOT NULL,
    shipment_id uuid NOT NULL,
    sku character varying(64) NOT NULL,
    quantity numeric(12,3) NOT NULL,
    storage character varying(16) NOT NULL,
    source character varying(16) NOT NULL,
    note character varying(500),
    status character varying(16) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    inspected_at timestamp with time zone,
    inspected_by character varying(128),
    inspection_reason character varying(500),
    CONSTRAINT ck_stock_returns_quantity CHECK ((quantity > (0)::numeric)),
    CONSTRAINT ck_stock_returns_source CHECK (((source)::text = ANY ((ARRAY['delivery_failed'::character varying, 'refused'::character varying])::text[]))),
    CONSTRAINT ck_stock_returns_status CHECK (((status)::text = ANY ((ARRAY['pending'::character varying, 'restocked'::character varying, 'written_off'::character varying])::text[]))),
    CONSTRAINT ck_stock_returns_storage CHECK (((storage)::text = ANY ((ARRAY['ambient'::character varying, 'chilled'::character varying, 'frozen'::character varying])::text[])))
);
CREATE TABLE public.warehouses (
    id uuid NOT NULL,
    code character varying(32) NOT NULL,
    name character varying(200) NOT NULL,
    time_zone character varying(64) NOT NULL,
    low_stock_threshold numeric(12,3) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    CONSTRAINT ck_warehouses_low_threshold CHECK ((low_stock_threshold >= (0)::numeric))
);
ALTER TABLE ONLY firestore.live_documents
    ADD CONSTRAINT "PK_live_documents" PRIMARY KEY (collection, document_id);
ALTER TABLE ONLY messaging.dead_letters
    ADD CONSTRAINT "PK_dead_letters" PRIMARY KEY (id);
ALTER TABLE ONLY messaging.inbox_messages
    ADD CONSTRAINT "PK_inbox_messages" PRIMARY KEY (consumer_group, message_id);
ALTER TABLE ONLY messaging.outbox_messages
    ADD CONSTRAINT "PK_outbox_messages" PRIMARY KEY (id);
ALTER TABLE ONLY messaging.parked_messages
    ADD CONSTRAINT "PK_parked_messages" PRIMARY KEY (id);
ALTER TABLE ONLY public.__ef_migrations_history
    ADD CONSTRAINT "PK___ef_migrations_history" PRIMARY KEY ("MigrationId");
ALTER TABLE ONLY public.consumed_lines
    ADD CONSTRAINT "PK_consumed_lines" PRIMARY KEY (order_id, sku);
ALTER TABLE ONLY public.idempotency_records
    ADD CONSTRAINT "PK_idempotency_records" PRIMARY KEY (operation, key);
ALTER TABLE ONLY public.lots
    ADD CONSTRAINT "PK_lots" PRIMARY KEY (id);
ALTER TABLE ONLY public.reservation_lines
    ADD CONSTRAINT "PK_reservation_lines" PRIMARY KEY (order_id, sku);
ALTER TABLE ONLY public.reservations
    ADD CONSTRAINT "PK_reservations" PRIMARY KEY (order_id);
ALTER TABLE ONLY public.stock_changes
    ADD CONSTRAINT "PK_stock_changes" PRIMARY KEY (warehouse_id, sku);
ALTER TABLE ONLY public.stock_items
    ADD CONSTRAINT "PK_stock_items" PRIMARY KEY (warehouse_id, sku);
ALTER TABLE ONLY public.stock_movements
    ADD CONSTRAINT "PK_stock_movements" PRIMARY KEY (id);
ALTER TABLE ONLY public.stock_returns
    ADD CONSTRAINT "PK_stock_returns" PRIMARY KEY (id);
ALTER TABLE ONLY public.warehouses
    ADD CONSTRAINT "PK_warehouses" PRIMARY KEY (id);
CREATE INDEX ix_live_documents_pending ON firestore.live_documents USING btree (changed_at) WHERE (version > written_version);
CREATE INDEX ix_dead_letters_pending_key ON messaging.dead_letters USING btree (consumer_group, partition_key) WHERE (status = 0);
CREATE INDEX ix_inbox_messages_processed_at ON messaging.inbox_messages USING btree (processed_at);
CREATE INDEX ix_outbox_messages_published_at ON messaging.outbox_messages USING btree (published_at);
CREATE INDEX ix_outbox_messages_unpublished ON messaging.outbox_messages USING btree (id) WHERE (published_at IS NULL);
CREATE INDEX ix_parked_messages_key ON messaging.parked_messages USING btree (consumer_group, topic, partition_key, id);
CREATE UNIQUE INDEX ux_dead_letters_message ON messaging.dead_letters USING btree (consumer_group, message_id);
CREATE UNIQUE INDEX ux_parked_messages_message ON messaging.parked_messages USING btree (consumer_group, message_id);
CREATE INDEX ix_lots_best_before ON public.lots USING btree (best_before) WHERE ((quantity > (0)::numeric) AND (best_before IS NOT NULL));
CREATE INDEX ix_lots_fefo ON public.lots USING btree (warehouse_id, sku, best_before) WHERE (quantity > (0)::numeric);
CREATE INDEX ix_reservation_lines_active_sku ON public.reservation_lines USING btree (sku) WHERE (reserved > (0)::numeric);
CREATE INDEX ix_reservations_active_expiry ON public.reservations USING btree (expires_at) WHERE ((status)::text = ANY ((ARRAY['pending'::character varying, 'confirmed'::character varying])::text[]));
CREATE INDEX ix_stock_items_sku ON public.stock_items USING btree (sku);
CREATE INDEX ix_stock_movements_stock ON public.stock_movements USING btree (warehouse_id, sku, id);
CREATE INDEX ix_stock_returns_pending ON public.stock_returns USING btree (warehouse_id, created_at) WHERE ((status)::text = 'pending'::text);
CREATE UNIQUE INDEX ux_stock_returns_shipment_sku ON public.stock_returns USING btree (shipment_id, sku);
CREATE UNIQUE INDEX ux_warehouses_code ON public.warehouses USING btree (code);
ALTER TABLE ONLY public.lots
    ADD CONSTRAINT "FK_lots_stock_items_warehouse_id_sku" FOREIGN KEY (warehouse_id, sku) REFERENCES public.stock_items(warehouse_id, sku) ON DELETE RESTRICT;
ALTER TABLE ONLY public.reservation_lines
    ADD CONSTRAINT "FK_reservation_lines_reservations_order_id" FOREIGN KEY (order_id) REFERENCES public.reservations(order_id) ON DELETE CASCADE;
ALTER TABLE ONLY public.stock_items
    ADD CONSTRAINT "FK_stock_items_warehouses_warehouse_id" FOREIGN KEY (warehouse_id) REFERENCES public.warehouses(id) ON DELETE RESTRICT;
