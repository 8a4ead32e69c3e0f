CREATE SCHEMA messaging;
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
CREATE TABLE public.order_addresses (
    "Id" uuid NOT NULL,
    "OrderId" uuid NOT NULL,
    "ProtectedPayload" text NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL
);
CREATE TABLE public.orders (
    "Id" uuid NOT NULL,
    "UserId" character varying(128) NOT NULL,
    "IdempotencyKey" character varying(128) NOT NULL,
    "RequestHash" character varying(64) NOT NULL,
    "PlacedAt" timestamp with time zone NOT NULL,
    "WarehouseId" uuid NOT NULL,
    "ZoneId" uuid NOT NULL,
    "SlotId" uuid NOT NULL,
    "SlotHoldId" uuid NOT NULL,
    "SlotWindowStart" timestamp with time zone NOT NULL,
    "SlotWindowEnd" timestamp with time zone NOT NULL,
    "SlotHoldExpiresAt" timestamp with time zone NOT NULL,
    "Postcode" character varying(16),
    "District" character varying(128),
    "PaymentMethod" character varying(32) NOT NULL,
    "Subtotal" numeric(18,0) NOT NULL,
    "DeliveryFee" numeric(18,0) NOT NULL,
    "EstimatedTotal" numeric(18,0) NOT NULL,
    "Status" character varying(32) NOT NULL,
    "Stock" character varying(16) NOT NULL,
    "Slot" character varying(16) NOT NULL,
    "Payment" character varying(16) NOT NULL,
    "PaymentReference" character varying(128),
    "Deadline" timestamp with time zone,
    "CancellationReason" character varying(32),
    "CancellationMessage" character varying(1000),
    history jsonb,
    items jsonb,
    vat jsonb,
    "AmountToCollect" numeric(18,0),
    "BookedAt" timestamp with time zone,
    "CaptureReference" character varying(128),
    "CapturedAmount" numeric(18,0),
    "Carrier" character varying(64),
    "CashCollected" numeric(18,0),
    "DeliveredAt" timestamp with time zone,
    "DeliveryFailureReason" character varying(1000),
    "DropOffAddressId" uuid,
    "FinalSubtotal" numeric(18,0),
    "FinalTotal" numeric(18,0),
    "PackageCount" integer,
    "PackedAt" timestamp with time zone,
    "PickerId" character varying(128),
    "PickingStartedAt" timestamp with time zone,
    "ReadyForDispatchAt" timestamp with time zone,
    "RefundedAmount" numeric(18,0) DEFAULT 0.0 NOT NULL,
    "ShipmentId" uuid,
    "TrackingNumber" character varying(128),
    final_vat jsonb,
    "AuthoriseAt" timestamp with time zone
);
CREATE TABLE public.payment_webhook_events (
    "EventId" character varying(128) NOT NULL,
    "Type" character varying(128) NOT NULL,
    "ReceivedAt" timestamp with time zone NOT NULL
);
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
ALTER TABLE ONLY public.order_addresses
    ADD CONSTRAINT "PK_order_addresses" PRIMARY KEY ("Id");
ALTER TABLE ONLY public.orders
    ADD CONSTRAINT "PK_orders" PRIMARY KEY ("Id");
ALTER TABLE ONLY public.payment_webhook_events
    ADD CONSTRAINT "PK_payment_webhook_events" PRIMARY KEY ("EventId");
CREATE INDEX ix_dead_letters_pending_key ON messaging.dead_letters USING btree (consumer_group, partition_key) WHERE (status = 0);
CREATE INDEX ix_inbox_messages_processed_at ON messaging.inbox_messages USING btree (processed_at);
CREATE INDEX ix_outbox_messages_published_at ON messaging.outbox_messages USING btree (published_at);
CREATE INDEX ix_outbox_messages_unpublished ON messaging.outbox_messages USING btree (id) WHERE (published_at IS NULL);
CREATE INDEX ix_parked_messages_key ON messaging.parked_messages USING btree (consumer_group, topic, partition_key, id);
CREATE UNIQUE INDEX ux_dead_letters_message ON messaging.dead_letters USING btree (consumer_group, message_id);
CREATE UNIQUE INDEX ux_parked_messages_message ON messaging.parked_messages USING btree (consumer_group, message_id);
CREATE UNIQUE INDEX "IX_order_addresses_OrderId" ON public.order_addresses USING btree ("OrderId");
CREATE INDEX "IX_orders_AuthoriseAt" ON public.orders USING btree ("AuthoriseAt") WHERE ("AuthoriseAt" IS NOT NULL);
CREATE INDEX "IX_orders_Deadline" ON public.orders USING btree ("Deadline") WHERE ("Deadline" IS NOT NULL);
CREATE INDEX "IX_orders_Status_PackedAt" ON public.orders USING btree ("Status", "PackedAt") WHERE (("Status")::text = 'Packed'::text);
CREATE UNIQUE INDEX "IX_orders_UserId_IdempotencyKey" ON public.orders USING btree ("UserId", "IdempotencyKey");
CREATE INDEX "IX_orders_UserId_PlacedAt" ON public.orders USING btree ("UserId", "PlacedAt");
CREATE INDEX "IX_orders_WarehouseId_Status_SlotWindowStart" ON public.orders USING btree ("WarehouseId", "Status", "SlotWindowStart");
CREATE UNIQUE INDEX ux_orders_slot_hold ON public.orders USING btree ("SlotHoldId");
ALTER TABLE ONLY public.order_addresses
    ADD CONSTRAINT "FK_order_addresses_orders_OrderId" FOREIGN KEY ("OrderId") REFERENCES public.orders("Id") ON DELETE CASCADE;
