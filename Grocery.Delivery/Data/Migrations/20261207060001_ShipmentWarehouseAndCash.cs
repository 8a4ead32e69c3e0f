using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Grocery.Delivery.Data.Migrations
{
    /// <inheritdoc />
    public partial class ShipmentWarehouseAndCash : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<decimal>(
                name: "cash_collected",
                schema: "delivery",
                table: "shipments",
                type: "numeric(18,0)",
                precision: 18,
                scale: 0,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "warehouse_id",
                schema: "delivery",
                table: "shipments",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            // Shipments booked before this migration take their zone's warehouse.
            migrationBuilder.Sql(
                "UPDATE delivery.shipments s SET warehouse_id = z.warehouse_id FROM delivery.zones z WHERE z.id = s.zone_id;");

            migrationBuilder.CreateIndex(
                name: "IX_shipments_warehouse_id_window_start",
                schema: "delivery",
                table: "shipments",
                columns: new[] { "warehouse_id", "window_start" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_shipments_warehouse_id_window_start",
                schema: "delivery",
                table: "shipments");

            migrationBuilder.DropColumn(
                name: "cash_collected",
                schema: "delivery",
                table: "shipments");

            migrationBuilder.DropColumn(
                name: "warehouse_id",
                schema: "delivery",
                table: "shipments");
        }
    }
}
