namespace Grocery.Delivery.Data;

/// <summary>
/// The capacity-changing SQL: the only statements that change a slot's held and confirmed counters.
/// Every statement that touches more than one slot locks slot rows in id order, and every path locks
/// a hold row before its slot, so concurrent moves cannot deadlock.
/// </summary>
internal static class SlotSql
{
    /// <summary>
    /// Holds a slot for a shopper in one round trip: takes one unit with the conditional update,
    /// then releases the shopper's previous hold (if any) in the same transaction, so a move never
    /// leaves the shopper with two holds or with none when the new slot is full.
    /// </summary>
    public const string CreateHoldFunction = """
        CREATE OR REPLACE FUNCTION delivery.hold_slot(
            p_hold_id uuid, p_slot_id uuid, p_user_id text, p_now timestamptz, p_expires_at timestamptz)
        RETURNS TABLE(r_outcome text, r_hold_id uuid, r_expires_at timestamptz, r_released_slot_id uuid)
        LANGUAGE plpgsql AS $$
        DECLARE
            v_prev_id uuid;
            v_prev_slot uuid;
            v_closed boolean;
            v_cutoff timestamptz;
            v_first uuid;
            v_second uuid;
        BEGIN
            -- Serialises one shopper's concurrent requests; other shoppers are not blocked.
            PERFORM pg_advisory_xact_lock(hashtextextended('slot-hold:' || p_user_id, 0));

            SELECT h.id, h.slot_id INTO v_prev_id, v_prev_slot
              FROM delivery.slot_holds h
             WHERE h.user_id = p_user_id AND h.status = 'Active'
               FOR UPDATE;

            IF v_prev_slot = p_slot_id THEN
                UPDATE delivery.slot_holds h SET expires_at = p_expires_at
                  FROM delivery.slots s
                 WHERE h.id = v_prev_id AND s.id = h.slot_id AND NOT s.closed AND s.cutoff_at > p_now;
                IF FOUND THEN
                    RETURN QUERY SELECT 'existing'::text, v_prev_id, p_expires_at, NULL::uuid;
                    RETURN;
                END IF;
            ELSIF v_prev_slot IS NOT NULL THEN
                v_first := LEAST(v_prev_slot, p_slot_id);
                v_second := GREATEST(v_prev_slot, p_slot_id);
                PERFORM 1 FROM delivery.slots s WHERE s.id = v_first FOR UPDATE;
                PERFORM 1 FROM delivery.slots s WHERE s.id = v_second FOR UPDATE;
            END IF;

            IF v_prev_slot IS DISTINCT FROM p_slot_id THEN
                UPDATE delivery.slots s
                   SET held = s.held + 1, availability_dirty = true, version = s.version + 1
                 WHERE s.id = p_slot_id
                   AND s.held + s.confirmed < s.capacity
                   AND NOT s.closed
                   AND s.cutoff_at > p_now;
                IF FOUND THEN
                    IF v_prev_id IS NOT NULL THEN
                        UPDATE delivery.slot_holds h SET status = 'Released', ended_at = p_now WHERE h.id = v_prev_id;
                        UPDATE delivery.slots s SET held = s.held - 1, availability_dirty = true, version = s.version + 1 WHERE s.id = v_prev_slot;
                    END IF;
                    INSERT INTO delivery.slot_holds (id, slot_id, user_id, status, created_at, expires_at)
                    VALUES (p_hold_id, p_slot_id, p_user_id, 'Active', p_now, p_expires_at);
                    RETURN QUERY SELECT 'held'::text, p_hold_id, p_expires_at, v_prev_slot;
                    RETURN;
                END IF;
            END IF;

            SELECT s.closed, s.cutoff_at INTO v_closed, v_cutoff FROM delivery.slots s WHERE s.id = p_slot_id;
            IF NOT FOUND THEN
                RETURN QUERY SELECT 'not_found'::text, NULL::uuid, NULL::timestamptz, NULL::uuid;
            ELSIF v_closed THEN
                RETURN QUERY SELECT 'closed'::text, NULL::uuid, NULL::timestamptz, NULL::uuid;
            ELSIF v_cutoff <= p_now THEN
                RETURN QUERY SELECT 'past_cutoff'::text, NULL::uuid, NULL::timestamptz, NULL::uuid;
            ELSE
                RETURN QUERY SELECT 'full'::text, NULL::uuid, NULL::timestamptz, NULL::uuid;
            END IF;
        END;
        $$;
        """;

    public const string DropHoldFunction = "DROP FUNCTION IF EXISTS delivery.hold_slot(uuid, uuid, text, timestamptz, timestamptz);";

    public const string HoldSlot = "SELECT r_outcome, r_hold_id, r_expires_at, r_released_slot_id FROM delivery.hold_slot($1, $2, $3, $4, $5)";

    /// <summary>Releases an active hold; $2 is the shopper who must own it, or null when the system releases it.</summary>
    public const string ReleaseHold = """
        WITH released AS (
            UPDATE delivery.slot_holds SET status = 'Released', ended_at = $3
             WHERE id = $1 AND ($2::text IS NULL OR user_id = $2) AND status = 'Active'
            RETURNING slot_id)
        UPDATE delivery.slots s SET held = s.held - 1, availability_dirty = true, version = s.version + 1
          FROM released r WHERE s.id = r.slot_id
        RETURNING s.id
        """;

    public const string ExtendHold = """
        UPDATE delivery.slot_holds h SET expires_at = $4
          FROM delivery.slots s
         WHERE h.id = $1 AND h.user_id = $2 AND h.status = 'Active' AND h.expires_at > $3
           AND s.id = h.slot_id AND NOT s.closed AND s.cutoff_at > $3
        RETURNING h.id, h.slot_id, h.expires_at, s.zone_id, s.window_start, s.window_end, s.cutoff_at, s.fee
        """;

    public const string DescribeHold = """
        SELECT h.status, h.expires_at, s.closed, s.cutoff_at
          FROM delivery.slot_holds h JOIN delivery.slots s ON s.id = h.slot_id
         WHERE h.id = $1 AND h.user_id = $2
        """;

    /// <summary>Expired holds, a batch at a time; rows a shopper is moving right now are skipped, not waited for.</summary>
    public const string ExpireHolds = """
        WITH expired AS (
            SELECT id FROM delivery.slot_holds
             WHERE status = 'Active' AND expires_at <= $1
             ORDER BY expires_at
             LIMIT $2
               FOR UPDATE SKIP LOCKED)
        UPDATE delivery.slot_holds h SET status = 'Expired', ended_at = $1
          FROM expired e WHERE h.id = e.id
        RETURNING h.slot_id
        """;

    public const string LockSlots = "SELECT id FROM delivery.slots WHERE id = ANY($1) ORDER BY id FOR UPDATE";

    public const string ReleaseHeld = """
        UPDATE delivery.slots s SET held = s.held - c.n, availability_dirty = true, version = s.version + 1
          FROM (SELECT unnest($1::uuid[]) AS slot_id, unnest($2::int[]) AS n) c
         WHERE s.id = c.slot_id
        """;

    // Locks the hold only. Its slot is locked by the confirming update, the last statement before the inbox
    // commits, because every booking and every new hold of a popular window queues on that one row. The order
    // (hold, then slot) is the one every path uses; a store manager closing the slot either commits first and the
    // update below finds it closed, or waits for this booking and then notifies about it.
    public const string LockHold = """
        SELECT h.status, s.closed
          FROM delivery.slot_holds h JOIN delivery.slots s ON s.id = h.slot_id
         WHERE h.id = $1 AND h.slot_id = $2
           FOR UPDATE OF h
        """;

    /// <summary>The locked active hold becomes a booking, unless its slot was closed meanwhile: then nothing changes.</summary>
    public const string ConfirmActiveHold = """
        WITH booked AS (
            UPDATE delivery.slots s SET held = s.held - 1, confirmed = s.confirmed + 1, availability_dirty = true, version = s.version + 1
             WHERE s.id = $3 AND NOT s.closed
               AND EXISTS (SELECT 1 FROM delivery.slot_holds h WHERE h.id = $1 AND h.slot_id = $3 AND h.status = 'Active')
            RETURNING s.id, s.zone_id, s.window_start, s.window_end, s.fee),
        marked AS (
            UPDATE delivery.slot_holds h SET status = 'Confirmed', order_id = $2, ended_at = $4
              FROM booked b WHERE h.id = $1 AND h.slot_id = b.id)
        SELECT zone_id, window_start, window_end, fee FROM booked
        """;

    /// <summary>A hold that expired or was released is confirmed only if the slot still has room, as a new hold would be.</summary>
    public const string ConfirmLapsedHold = """
        WITH booked AS (
            UPDATE delivery.slots s SET confirmed = s.confirmed + 1, availability_dirty = true, version = s.version + 1
             WHERE s.id = $1 AND s.held + s.confirmed < s.capacity AND NOT s.closed
               AND EXISTS (SELECT 1 FROM delivery.slot_holds h WHERE h.id = $2 AND h.slot_id = $1 AND h.status IN ('Expired', 'Released'))
            RETURNING s.id, s.zone_id, s.window_start, s.window_end, s.fee),
        marked AS (
            UPDATE delivery.slot_holds h SET status = 'Confirmed', order_id = $3, ended_at = $4
              FROM booked b WHERE h.id = $2 AND h.slot_id = b.id)
        SELECT zone_id, window_start, window_end, fee FROM booked
        """;

    /// <summary>Gives back what a cancelled order took: a confirmed booking, or a hold not yet confirmed.</summary>
    public const string ReleaseOrder = """
        WITH released AS (
            UPDATE delivery.slot_holds h SET status = 'Cancelled', ended_at = $2
              FROM (SELECT id, status AS previous FROM delivery.slot_holds WHERE order_id = $1 AND status IN ('Confirmed', 'Active') FOR UPDATE) p
             WHERE h.id = p.id
            RETURNING h.slot_id, p.previous)
        UPDATE delivery.slots s
           SET confirmed = s.confirmed - CASE WHEN r.previous = 'Confirmed' THEN 1 ELSE 0 END,
               held = s.held - CASE WHEN r.previous = 'Active' THEN 1 ELSE 0 END,
               availability_dirty = true, version = s.version + 1
          FROM released r WHERE s.id = r.slot_id
        """;

    public const string SlotTaken = "SELECT held + confirmed FROM delivery.slots WHERE id = $1";

    /// <summary>Returns whether the slot was open before, so closing it can tell the orders booked on it.</summary>
    public const string OverrideSlot = """
        UPDATE delivery.slots s
           SET capacity = COALESCE($2, s.capacity), closed = COALESCE($3, s.closed), availability_dirty = true, version = s.version + 1
          FROM (SELECT id, closed FROM delivery.slots WHERE id = $1 FOR UPDATE) before
         WHERE s.id = before.id AND ($2::int IS NULL OR s.held + s.confirmed <= $2::int)
        RETURNING before.closed, s.closed
        """;

    public const string BookedOrders = "SELECT id, order_id FROM delivery.slot_holds WHERE slot_id = $1 AND status = 'Confirmed' AND order_id IS NOT NULL";

    /// <summary>Idempotent: the unique (zone_id, window_start) key makes a rerun insert nothing.</summary>
    public const string InsertPlannedSlots = """
        INSERT INTO delivery.slots (id, zone_id, template_id, window_start, window_end, cutoff_at, capacity, held, confirmed, closed, is_peak, fee, availability_dirty)
        SELECT p.id, $1, p.template_id, p.window_start, p.window_end, p.cutoff_at, p.capacity, 0, 0, false, p.is_peak, p.fee, true
          FROM unnest($2::uuid[], $3::uuid[], $4::timestamptz[], $5::timestamptz[], $6::timestamptz[], $7::int[], $8::bool[], $9::numeric[])
               AS p(id, template_id, window_start, window_end, cutoff_at, capacity, is_peak, fee)
        ON CONFLICT (zone_id, window_start) DO NOTHING
        """;

    /// <summary>Slots whose availability changed, claimed without waiting for rows a hold is changing.</summary>
    public const string ClaimChangedAvailability = """
        UPDATE delivery.slots s SET availability_dirty = false
          FROM (SELECT id FROM delivery.slots WHERE availability_dirty ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED) d
         WHERE s.id = d.id
        RETURNING s.id, s.zone_id, s.window_start, s.window_end, s.capacity, s.held, s.confirmed, s.closed, s.version
        """;
}
