using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Grocery.Ordering.Data.Migrations
{
    /// <inheritdoc />
    public partial class Fulfilment : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<decimal>(
                name: "AmountToCollect",
                table: "orders",
                type: "numeric(18,0)",
                precision: 18,
                scale: 0,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "BookedAt",
                table: "orders",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CaptureReference",
                table: "orders",
                type: "character varying(128)",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "CapturedAmount",
                table: "orders",
                type: "numeric(18,0)",
                precision: 18,
                scale: 0,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Carrier",
                table: "orders",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "CashCollected",
                table: "orders",
                type: "numeric(18,0)",
                precision: 18,
                scale: 0,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "DeliveredAt",
                table: "orders",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DeliveryFailureReason",
                table: "orders",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "DropOffAddressId",
                table: "orders",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "FinalSubtotal",
                table: "orders",
                type: "numeric(18,0)",
                precision: 18,
                scale: 0,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "FinalTotal",
                table: "orders",
                type: "numeric(18,0)",
                precision: 18,
                scale: 0,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "PackageCount",
                table: "orders",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "PackedAt",
                table: "orders",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PickerId",
                table: "orders",
                type: "character varying(128)",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "PickingStartedAt",
                table: "orders",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ReadyForDispatchAt",
                table: "orders",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "RefundedAmount",
                table: "orders",
                type: "numeric(18,0)",
                precision: 18,
                scale: 0,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<Guid>(
                name: "ShipmentId",
                table: "orders",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TrackingNumber",
                table: "orders",
                type: "character varying(128)",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "final_vat",
                table: "orders",
                type: "jsonb",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_orders_Status_PackedAt",
                table: "orders",
                columns: new[] { "Status", "PackedAt" },
                filter: "\"Status\" = 'Packed'");

            migrationBuilder.CreateIndex(
                name: "IX_orders_WarehouseId_Status_SlotWindowStart",
                table: "orders",
                columns: new[] { "WarehouseId", "Status", "SlotWindowStart" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_orders_Status_PackedAt",
                table: "orders");

            migrationBuilder.DropIndex(
                name: "IX_orders_WarehouseId_Status_SlotWindowStart",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "AmountToCollect",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "BookedAt",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "CaptureReference",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "CapturedAmount",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "Carrier",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "CashCollected",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "DeliveredAt",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "DeliveryFailureReason",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "DropOffAddressId",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "FinalSubtotal",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "FinalTotal",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "PackageCount",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "PackedAt",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "PickerId",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "PickingStartedAt",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "ReadyForDispatchAt",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "RefundedAmount",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "ShipmentId",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "TrackingNumber",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "final_vat",
                table: "orders");
        }
    }
}
