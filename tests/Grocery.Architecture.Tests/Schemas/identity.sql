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
CREATE TABLE public.addresses (
    id uuid NOT NULL,
    user_id uuid NOT NULL,
    label character varying(50) NOT NULL,
    protected_street text NOT NULL,
    ward character varying(100),
    district character varying(100) NOT NULL,
    city character varying(100) NOT NULL,
    postal_code character varying(20),
    is_default boolean NOT NULL,
    idempotency_key character varying(100),
    created_at timestamp with time zone NOT NULL
);
CREATE TABLE public.refresh_tokens (
    id uuid NOT NULL,
    user_id uuid NOT NULL,
    family_id uuid NOT NULL,
    token_hash bytea NOT NULL,
    created_at timestamp with time zone NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    consumed_at timestamp with time zone,
    revoked_at timestamp with time zone
);
CREATE TABLE public.signing_keys (
    key_id character varying(64) NOT NULL,
    protected_private_key bytea NOT NULL,
    modulus character varying(1024) NOT NULL,
    exponent character varying(16) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    activates_at timestamp with time zone NOT NULL,
    retired_at timestamp with time zone
);
CREATE TABLE public.user_roles (
    user_id uuid NOT NULL,
    role character varying(32) NOT NULL
);
CREATE TABLE public.users (
    id uuid NOT NULL,
    email character varying(254),
    normalized_email character varying(254),
    password_hash character varying(512),
    display_name character varying(100),
    protected_phone text,
    default_substitution character varying(20) NOT NULL,
    marketing_consent boolean NOT NULL,
    access_failed_count integer NOT NULL,
    lockout_end timestamp with time zone,
    created_at timestamp with time zone NOT NULL,
    password_changed_at timestamp with time zone,
    deleted_at timestamp with time zone,
    language character varying(8) DEFAULT 'vi'::character varying NOT NULL,
    warehouse_id uuid
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
ALTER TABLE ONLY public.addresses
    ADD CONSTRAINT "PK_addresses" PRIMARY KEY (id);
ALTER TABLE ONLY public.refresh_tokens
    ADD CONSTRAINT "PK_refresh_tokens" PRIMARY KEY (id);
ALTER TABLE ONLY public.signing_keys
    ADD CONSTRAINT "PK_signing_keys" PRIMARY KEY (key_id);
ALTER TABLE ONLY public.user_roles
    ADD CONSTRAINT "PK_user_roles" PRIMARY KEY (user_id, role);
ALTER TABLE ONLY public.users
    ADD CONSTRAINT "PK_users" PRIMARY KEY (id);
CREATE INDEX ix_dead_letters_pending_key ON messaging.dead_letters USING btree (consumer_group, partition_key) WHERE (status = 0);
CREATE INDEX ix_inbox_messages_processed_at ON messaging.inbox_messages USING btree (processed_at);
CREATE INDEX ix_outbox_messages_published_at ON messaging.outbox_messages USING btree (published_at);
CREATE INDEX ix_outbox_messages_unpublished ON messaging.outbox_messages USING btree (id) WHERE (published_at IS NULL);
CREATE INDEX ix_parked_messages_key ON messaging.parked_messages USING btree (consumer_group, topic, partition_key, id);
CREATE UNIQUE INDEX ux_dead_letters_message ON messaging.dead_letters USING btree (consumer_group, message_id);
CREATE UNIQUE INDEX ux_parked_messages_message ON messaging.parked_messages USING btree (consumer_group, message_id);
CREATE INDEX "IX_addresses_user_id" ON public.addresses USING btree (user_id);
CREATE UNIQUE INDEX "IX_addresses_user_id_idempotency_key" ON public.addresses USING btree (user_id, idempotency_key) WHERE (idempotency_key IS NOT NULL);
CREATE INDEX "IX_refresh_tokens_expires_at" ON public.refresh_tokens USING btree (expires_at);
CREATE INDEX "IX_refresh_tokens_family_id" ON public.refresh_tokens USING btree (family_id);
CREATE UNIQUE INDEX "IX_refresh_tokens_token_hash" ON public.refresh_tokens USING btree (token_hash);
CREATE INDEX "IX_refresh_tokens_user_id" ON public.refresh_tokens USING btree (user_id);
CREATE INDEX "IX_user_roles_role" ON public.user_roles USING btree (role);
CREATE UNIQUE INDEX "IX_users_normalized_email" ON public.users USING btree (normalized_email);
ALTER TABLE ONLY public.addresses
    ADD CONSTRAINT "FK_addresses_users_user_id" FOREIGN KEY (user_id) REFERENCES public.users(id) ON DELETE CASCADE;
ALTER TABLE ONLY public.refresh_tokens
    ADD CONSTRAINT "FK_refresh_tokens_users_user_id" FOREIGN KEY (user_id) REFERENCES public.users(id) ON DELETE CASCADE;
ALTER TABLE ONLY public.user_roles
    ADD CONSTRAINT "FK_user_roles_users_user_id" FOREIGN KEY (user_id) REFERENCES public.users(id) ON DELETE CASCADE;
