using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Grocery.Delivery.Data.Migrations
{
    /// <inheritdoc />
    public partial class SlotVersion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "version",
                schema: "delivery",
                table: "slots",
                type: "bigint",
                nullable: false,
                defaultValue: 1L);

            // A slot flagged now is published with a version, above the 1 that events from before versions count as.
            migrationBuilder.Sql("UPDATE delivery.slots SET version = 2 WHERE availability_dirty;");
            // Holding a slot now counts up its version.
            migrationBuilder.Sql(SlotSql.CreateHoldFunction);
            // The checkpoint held Kafka offsets, which would outrank the slot versions from now on: the next
            // event of each document writes it again.
            migrationBuilder.Sql("UPDATE firestore.live_documents SET version = 0, written_version = 0 WHERE collection = 'slots';");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "version",
                schema: "delivery",
                table: "slots");

            migrationBuilder.Sql(PreviousHoldFunction);
        }

        // The hold function as it was before this migration, for Down.
        private const string PreviousHoldFunction = """
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
                       SET held = s.held + 1, availability_dirty = true
                     WHERE s.id = p_slot_id
                       AND s.held + s.confirmed < s.capacity
                       AND NOT s.closed
                       AND s.cutoff_at > p_now;
                    IF FOUND THEN
                        IF v_prev_id IS NOT NULL THEN
                            UPDATE delivery.slot_holds h SET status = 'Released', ended_at = p_now WHERE h.id = v_prev_id;
                            UPDATE delivery.slots s SET held = s.held - 1, availability_dirty = true WHERE s.id = v_prev_slot;
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
    }
}
