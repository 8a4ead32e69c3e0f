CREATE SCHEMA delivery;
CREATE SCHEMA firestore;
CREATE SCHEMA messaging;
CREATE FUNCTION delivery.hold_slot(p_hold_id uuid, p_slot_id uuid, p_user_id text, p_now timestamp with time zone, p_expires_at timestamp with time zone) RETURNS TABLE(r_outcome text, r_hold_id uuid, r_expires_at timestamp with time zone, r_released_slot_id uuid)
    LANGUAGE plpgsql
    AS $$
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
CREATE TABLE delivery.carrier_webhook_receipts (
    carrier character varying(64) NOT NULL,
    event_key character varying(256) NOT NULL,
    received_at timestamp with time zone NOT NULL
);
CREATE TABLE delivery.shipment_events (
    id uuid NOT NULL,
    shipment_id uuid NOT NULL,
    status character varying(16) NOT NULL,
    occurred_at timestamp with time zone NOT NULL,
    description character varying(500) NOT NULL,
    source character varying(64) NOT NULL
);
CREATE TABLE delivery.shipments (
    id uuid NOT NULL,
    order_id uuid NOT NULL,
    zone_id uuid NOT NULL,
    user_id character varying(128),
    carrier character varying(64) NOT NULL,
    carrier_reference character varying(128),
    status character varying(16) NOT NULL,
    carrier_fee numeric(18,0),
    amount_to_collect numeric(18,0) NOT NULL,
    window_start timestamp with time zone NOT NULL,
    window_end timestamp with time zone NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    cash_collected numeric(18,0),
    warehouse_id uuid DEFAULT '00000000-0000-0000-0000-000000000000'::uuid NOT NULL
);
CREATE TABLE delivery.slot_holds (
    id uuid NOT NULL,
    slot_id uuid NOT NULL,
    user_id character varying(128) NOT NULL,
    status character varying(16) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    ended_at timestamp with time zone,
    order_id uuid
);
CREATE TABLE delivery.slot_templates (
    id uuid NOT NULL,
    zone_id uuid NOT NULL,
    day_of_week integer NOT NULL,
    start_time time without time zone NOT NULL,
    end_time time without time zone NOT NULL,
    capacity integer NOT NULL,
    is_peak boolean NOT NULL,
    fee numeric(18,0),
    cutoff_minutes integer NOT NULL
);
CREATE TABLE delivery.slots (
    id uuid NOT NULL,
    zone_id uuid NOT NULL,
    template_id uuid,
    window_start timestamp with time zone NOT NULL,
    window_end timestamp with time zone NOT NULL,
    cutoff_at timestamp with time zone NOT NULL,
    capacity integer NOT NULL,
    held integer NOT NULL,
    confirmed integer NOT NULL,
    closed boolean NOT NULL,
    is_peak boolean NOT NULL,
    fee numeric(18,0) NOT NULL,
    availability_dirty boolean NOT NULL,
    version bigint DEFAULT 1 NOT NULL,
    CONSTRAINT ck_slots_capacity CHECK (((held >= 0) AND (confirmed >= 0) AND ((held + confirmed) <= capacity)))
);
CREATE TABLE delivery.zone_areas (
    id uuid NOT NULL,
    zone_id uuid NOT NULL,
    kind character varying(16) NOT NULL,
    name character varying(200) NOT NULL,
    normalized_name character varying(200) NOT NULL
);
CREATE TABLE delivery.zones (
    id uuid NOT NULL,
    name character varying(200) NOT NULL,
    warehouse_id uuid NOT NULL,
    time_zone_id character varying(64) NOT NULL,
    minimum_basket_value numeric(18,0) NOT NULL,
    standard_fee numeric(18,0) NOT NULL,
    peak_fee numeric(18,0) NOT NULL,
    free_delivery_threshold numeric(18,0),
    carrier character varying(64) NOT NULL,
    created_at timestamp with time zone NOT NULL
);
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
ALTER TABLE ONLY delivery.carrier_webhook_receipts
    ADD CONSTRAINT "PK_carrier_webhook_receipts" PRIMARY KEY (carrier, event_key);
ALTER TABLE ONLY delivery.shipment_events
    ADD CONSTRAINT "PK_shipment_events" PRIMARY KEY (id);
ALTER TABLE ONLY delivery.shipments
    ADD CONSTRAINT "PK_shipments" PRIMARY KEY (id);
ALTER TABLE ONLY delivery.slot_holds
    ADD CONSTRAINT "PK_slot_holds" PRIMARY KEY (id);
ALTER TABLE ONLY delivery.slot_templates
    ADD CONSTRAINT "PK_slot_templates" PRIMARY KEY (id);
ALTER TABLE ONLY delivery.slots
    ADD CONSTRAINT "PK_slots" PRIMARY KEY (id);
ALTER TABLE ONLY delivery.zone_areas
    ADD CONSTRAINT "PK_zone_areas" PRIMARY KEY (id);
ALTER TABLE ONLY delivery.zones
    ADD CONSTRAINT "PK_zones" PRIMARY KEY (id);
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
CREATE INDEX "IX_shipment_events_shipment_id" ON delivery.shipment_events USING btree (shipment_id);
CREATE INDEX "IX_shipments_carrier_carrier_reference" ON delivery.shipments USING btree (carrier, carrier_reference);
CREATE UNIQUE INDEX "IX_shipments_order_id" ON delivery.shipments USING btree (order_id);
CREATE INDEX "IX_shipments_warehouse_id_window_start" ON delivery.shipments USING btree (warehouse_id, window_start);
CREATE UNIQUE INDEX "IX_slot_holds_order_id" ON delivery.slot_holds USING btree (order_id) WHERE (order_id IS NOT NULL);
CREATE INDEX "IX_slot_holds_slot_id" ON delivery.slot_holds USING btree (slot_id);
CREATE UNIQUE INDEX "IX_slot_templates_zone_id_day_of_week_start_time" ON delivery.slot_templates USING btree (zone_id, day_of_week, start_time);
CREATE INDEX "IX_slots_availability_dirty" ON delivery.slots USING btree (availability_dirty) WHERE availability_dirty;
CREATE UNIQUE INDEX "IX_slots_zone_id_window_start" ON delivery.slots USING btree (zone_id, window_start);
CREATE UNIQUE INDEX "IX_zone_areas_kind_normalized_name" ON delivery.zone_areas USING btree (kind, normalized_name);
CREATE INDEX "IX_zone_areas_zone_id" ON delivery.zone_areas USING btree (zone_id);
CREATE INDEX ix_slot_holds_active_expiry ON delivery.slot_holds USING btree (expires_at) WHERE ((status)::text = 'Active'::text);
CREATE UNIQUE INDEX ux_slot_holds_active_user ON delivery.slot_holds USING btree (user_id) WHERE ((status)::text = 'Active'::text);
CREATE INDEX ix_live_documents_pending ON firestore.live_documents USING btree (changed_at) WHERE (version > written_version);
CREATE INDEX ix_dead_letters_pending_key ON messaging.dead_letters USING btree (consumer_group, partition_key) WHERE (status = 0);
CREATE INDEX ix_inbox_messages_processed_at ON messaging.inbox_messages USING btree (processed_at);
CREATE INDEX ix_outbox_messages_published_at ON messaging.outbox_messages USING btree (published_at);
CREATE INDEX ix_outbox_messages_unpublished ON messaging.outbox_messages USING btree (id) WHERE (published_at IS NULL);
CREATE INDEX ix_parked_messages_key ON messaging.parked_messages USING btree (consumer_group, topic, partition_key, id);
CREATE UNIQUE INDEX ux_dead_letters_message ON messaging.dead_letters USING btree (consumer_group, message_id);
CREATE UNIQUE INDEX ux_parked_messages_message ON messaging.parked_messages USING btree (consumer_group, message_id);
ALTER TABLE ONLY delivery.shipment_events
    ADD CONSTRAINT "FK_shipment_events_shipments_shipment_id" FOREIGN KEY (shipment_id) REFERENCES delivery.shipments(id) ON DELETE CASCADE;
ALTER TABLE ONLY delivery.slot_holds
    ADD CONSTRAINT "FK_slot_holds_slots_slot_id" FOREIGN KEY (slot_id) REFERENCES delivery.slots(id) ON DELETE CASCADE;
ALTER TABLE ONLY delivery.slot_templates
    ADD CONSTRAINT "FK_slot_templates_zones_zone_id" FOREIGN KEY (zone_id) REFERENCES delivery.zones(id) ON DELETE CASCADE;
ALTER TABLE ONLY delivery.slots
    ADD CONSTRAINT "FK_slots_zones_zone_id" FOREIGN KEY (zone_id) REFERENCES delivery.zones(id) ON DELETE CASCADE;
ALTER TABLE ONLY delivery.zone_areas
    ADD CONSTRAINT "FK_zone_areas_zones_zone_id" FOREIGN KEY (zone_id) REFERENCES delivery.zones(id) ON DELETE CASCADE;
