using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Grocery.Inventory.Data.Migrations
{
    /// <inheritdoc />
    public partial class StockChanges : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "stock_changes",
                columns: table => new
                {
                    warehouse_id = table.Column<Guid>(type: "uuid", nullable: false),
                    sku = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_stock_changes", x => new { x.warehouse_id, x.sku });
                });

            // Rows flagged and not yet published keep their turn.
            migrationBuilder.Sql("INSERT INTO stock_changes (warehouse_id, sku) SELECT warehouse_id, sku FROM stock_items WHERE level_changed;");

            migrationBuilder.DropIndex(
                name: "ix_stock_items_level_changed",
                table: "stock_items");

            migrationBuilder.DropColumn(
                name: "level_changed",
                table: "stock_items");

            // Every function that changes a stock row now marks it in stock_changes instead of flagging it.
            migrationBuilder.Sql(InventorySql.CreateFunctions);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "level_changed",
                table: "stock_items",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateIndex(
                name: "ix_stock_items_level_changed",
                table: "stock_items",
                columns: new[] { "warehouse_id", "sku" },
                filter: "level_changed");

            migrationBuilder.Sql("UPDATE stock_items s SET level_changed = true FROM stock_changes c WHERE c.warehouse_id = s.warehouse_id AND c.sku = s.sku;");

            migrationBuilder.DropTable(
                name: "stock_changes");

            migrationBuilder.Sql(PreviousFunctions);
        }
    }
}
