using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Grocery.Inventory.Data.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "messaging");

            migrationBuilder.CreateTable(
                name: "dead_letters",
                schema: "messaging",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    consumer_group = table.Column<string>(type: "text", nullable: false),
                    topic = table.Column<string>(type: "text", nullable: false),
                    partition = table.Column<int>(type: "integer", nullable: false),
                    offset = table.Column<long>(type: "bigint", nullable: false),
                    partition_key = table.Column<string>(type: "text", nullable: false),
                    message_id = table.Column<string>(type: "text", nullable: false),
                    event_type = table.Column<string>(type: "text", nullable: true),
                    payload = table.Column<string>(type: "text", nullable: false),
                    error = table.Column<string>(type: "text", nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<int>(type: "integer", nullable: false),
                    dead_lettered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    resolved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dead_letters", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "idempotency_records",
                columns: table => new
                {
                    key = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    operation = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    status_code = table.Column<int>(type: "integer", nullable: false),
                    response = table.Column<string>(type: "jsonb", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_idempotency_records", x => new { x.operation, x.key });
                });

            migrationBuilder.CreateTable(
                name: "inbox_messages",
                schema: "messaging",
                columns: table => new
                {
                    consumer_group = table.Column<string>(type: "text", nullable: false),
                    message_id = table.Column<string>(type: "text", nullable: false),
                    event_type = table.Column<string>(type: "text", nullable: false),
                    processed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_inbox_messages", x => new { x.consumer_group, x.message_id });
                });

            migrationBuilder.CreateTable(
                name: "outbox_messages",
                schema: "messaging",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    message_id = table.Column<Guid>(type: "uuid", nullable: false),
                    topic = table.Column<string>(type: "character varying(249)", maxLength: 249, nullable: false),
                    partition_key = table.Column<string>(type: "text", nullable: false),
                    event_type = table.Column<string>(type: "text", nullable: false),
                    payload = table.Column<string>(type: "text", nullable: false),
                    traceparent = table.Column<string>(type: "text", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    published_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    last_error = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_outbox_messages", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "parked_messages",
                schema: "messaging",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    consumer_group = table.Column<string>(type: "text", nullable: false),
                    topic = table.Column<string>(type: "text", nullable: false),
                    partition = table.Column<int>(type: "integer", nullable: false),
                    offset = table.Column<long>(type: "bigint", nullable: false),
                    partition_key = table.Column<string>(type: "text", nullable: false),
                    message_id = table.Column<string>(type: "text", nullable: false),
                    payload = table.Column<string>(type: "text", nullable: false),
                    parked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_parked_messages", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "reservations",
                columns: table => new
                {
                    order_id = table.Column<Guid>(type: "uuid", nullable: false),
                    warehouse_id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    shortfalls = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_reservations", x => x.order_id);
                    table.CheckConstraint("ck_reservations_status", "status IN ('pending', 'confirmed', 'consumed', 'released', 'expired', 'failed')");
                })
                .Annotation("Npgsql:StorageParameter:fillfactor", 80);

            migrationBuilder.CreateTable(
                name: "stock_movements",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    warehouse_id = table.Column<Guid>(type: "uuid", nullable: false),
                    sku = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    lot_id = table.Column<Guid>(type: "uuid", nullable: true),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    on_hand_delta = table.Column<decimal>(type: "numeric(12,3)", nullable: false),
                    reserved_delta = table.Column<decimal>(type: "numeric(12,3)", nullable: false),
                    order_id = table.Column<Guid>(type: "uuid", nullable: true),
                    actor = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_stock_movements", x => x.id);
                    table.CheckConstraint("ck_stock_movements_kind", "kind IN ('received', 'reserved', 'released', 'picked', 'adjusted', 'written_off', 'expired')");
                });

            migrationBuilder.CreateTable(
                name: "warehouses",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    time_zone = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    low_stock_threshold = table.Column<decimal>(type: "numeric(12,3)", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_warehouses", x => x.id);
                    table.CheckConstraint("ck_warehouses_low_threshold", "low_stock_threshold >= 0");
                });

            migrationBuilder.CreateTable(
                name: "reservation_lines",
                columns: table => new
                {
                    order_id = table.Column<Guid>(type: "uuid", nullable: false),
                    sku = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    quantity = table.Column<decimal>(type: "numeric(12,3)", nullable: false),
                    reserved = table.Column<decimal>(type: "numeric(12,3)", nullable: false),
                    picked = table.Column<decimal>(type: "numeric(12,3)", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_reservation_lines", x => new { x.order_id, x.sku });
                    table.CheckConstraint("ck_reservation_lines_picked", "picked IS NULL OR picked >= 0");
                    table.CheckConstraint("ck_reservation_lines_quantity", "quantity > 0");
                    table.CheckConstraint("ck_reservation_lines_reserved", "reserved >= 0 AND reserved <= quantity");
                    table.ForeignKey(
                        name: "FK_reservation_lines_reservations_order_id",
                        column: x => x.order_id,
                        principalTable: "reservations",
                        principalColumn: "order_id",
                        onDelete: ReferentialAction.Cascade);
                })
                .Annotation("Npgsql:StorageParameter:fillfactor", 80);

            migrationBuilder.CreateTable(
                name: "stock_items",
                columns: table => new
                {
                    warehouse_id = table.Column<Guid>(type: "uuid", nullable: false),
                    sku = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    on_hand = table.Column<decimal>(type: "numeric(12,3)", nullable: false),
                    reserved = table.Column<decimal>(type: "numeric(12,3)", nullable: false),
                    low_threshold = table.Column<decimal>(type: "numeric(12,3)", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    level_changed = table.Column<bool>(type: "boolean", nullable: false, defaultValue: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_stock_items", x => new { x.warehouse_id, x.sku });
                    table.CheckConstraint("ck_stock_items_available", "reserved <= on_hand");
                    table.CheckConstraint("ck_stock_items_on_hand", "on_hand >= 0");
                    table.CheckConstraint("ck_stock_items_reserved", "reserved >= 0");
                    table.ForeignKey(
                        name: "FK_stock_items_warehouses_warehouse_id",
                        column: x => x.warehouse_id,
                        principalTable: "warehouses",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                })
                .Annotation("Npgsql:StorageParameter:fillfactor", 70);

            migrationBuilder.CreateTable(
                name: "lots",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    warehouse_id = table.Column<Guid>(type: "uuid", nullable: false),
                    sku = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    lot_code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    best_before = table.Column<DateOnly>(type: "date", nullable: true),
                    received_quantity = table.Column<decimal>(type: "numeric(12,3)", nullable: false),
                    quantity = table.Column<decimal>(type: "numeric(12,3)", nullable: false),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_lots", x => x.id);
                    table.CheckConstraint("ck_lots_quantity", "quantity >= 0 AND quantity <= received_quantity");
                    table.ForeignKey(
                        name: "FK_lots_stock_items_warehouse_id_sku",
                        columns: x => new { x.warehouse_id, x.sku },
                        principalTable: "stock_items",
                        principalColumns: new[] { "warehouse_id", "sku" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_dead_letters_pending_key",
                schema: "messaging",
                table: "dead_letters",
                columns: new[] { "consumer_group", "partition_key" },
                filter: "status = 0");

            migrationBuilder.CreateIndex(
                name: "ux_dead_letters_message",
                schema: "messaging",
                table: "dead_letters",
                columns: new[] { "consumer_group", "message_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_inbox_messages_processed_at",
                schema: "messaging",
                table: "inbox_messages",
                column: "processed_at");

            migrationBuilder.CreateIndex(
                name: "ix_lots_best_before",
                table: "lots",
                column: "best_before",
                filter: "quantity > 0 AND best_before IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_lots_fefo",
                table: "lots",
                columns: new[] { "warehouse_id", "sku", "best_before" },
                filter: "quantity > 0");

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_published_at",
                schema: "messaging",
                table: "outbox_messages",
                column: "published_at");

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_unpublished",
                schema: "messaging",
                table: "outbox_messages",
                column: "id",
                filter: "published_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_parked_messages_key",
                schema: "messaging",
                table: "parked_messages",
                columns: new[] { "consumer_group", "topic", "partition_key", "id" });

            migrationBuilder.CreateIndex(
                name: "ux_parked_messages_message",
                schema: "messaging",
                table: "parked_messages",
                columns: new[] { "consumer_group", "message_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_reservation_lines_active_sku",
                table: "reservation_lines",
                column: "sku",
                filter: "reserved > 0");

            migrationBuilder.CreateIndex(
                name: "ix_reservations_active_expiry",
                table: "reservations",
                column: "expires_at",
                filter: "status IN ('pending', 'confirmed')");

            migrationBuilder.CreateIndex(
                name: "ix_stock_items_level_changed",
                table: "stock_items",
                columns: new[] { "warehouse_id", "sku" },
                filter: "level_changed");

            migrationBuilder.CreateIndex(
                name: "ix_stock_items_sku",
                table: "stock_items",
                column: "sku");

            migrationBuilder.CreateIndex(
                name: "ix_stock_movements_stock",
                table: "stock_movements",
                columns: new[] { "warehouse_id", "sku", "id" });

            migrationBuilder.CreateIndex(
                name: "ux_warehouses_code",
                table: "warehouses",
                column: "code",
                unique: true);

            migrationBuilder.Sql(InventorySql.CreateFunctions);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(InventorySql.DropFunctions);

            migrationBuilder.DropTable(
                name: "dead_letters",
                schema: "messaging");

            migrationBuilder.DropTable(
                name: "idempotency_records");

            migrationBuilder.DropTable(
                name: "inbox_messages",
                schema: "messaging");

            migrationBuilder.DropTable(
                name: "lots");

            migrationBuilder.DropTable(
                name: "outbox_messages",
                schema: "messaging");

            migrationBuilder.DropTable(
                name: "parked_messages",
                schema: "messaging");

            migrationBuilder.DropTable(
                name: "reservation_lines");

            migrationBuilder.DropTable(
                name: "stock_movements");

            migrationBuilder.DropTable(
                name: "stock_items");

            migrationBuilder.DropTable(
                name: "reservations");

            migrationBuilder.DropTable(
                name: "warehouses");
        }
    }
}
