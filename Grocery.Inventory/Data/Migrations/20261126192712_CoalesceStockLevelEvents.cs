using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Grocery.Inventory.Data.Migrations
{
    /// <inheritdoc />
    public partial class CoalesceStockLevelEvents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
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

            migrationBuilder.Sql(StockLevelSql.CreateFunctions);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The previous bodies of the functions StockLevelSql replaced.
            migrationBuilder.Sql(InventorySql.CreateFunctions);

            migrationBuilder.DropIndex(
                name: "ix_stock_items_level_changed",
                table: "stock_items");

            migrationBuilder.DropColumn(
                name: "level_changed",
                table: "stock_items");
        }
    }
}
