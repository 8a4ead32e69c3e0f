using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Grocery.Inventory.Data.Migrations
{
    /// <inheritdoc />
    public partial class StockVersion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "version",
                table: "stock_items",
                type: "bigint",
                nullable: false,
                defaultValue: 1L);

            // A row flagged now is published with a version, above the 1 that events from before versions count as.
            migrationBuilder.Sql("UPDATE stock_items SET version = 2 WHERE level_changed;");
            // Every function that changes a stock row now counts up its version and flags it.
            migrationBuilder.Sql(InventorySql.CreateFunctions);
            // The checkpoint held Kafka offsets, which would outrank the row versions from now on: the next
            // event of each document writes it again.
            migrationBuilder.Sql("UPDATE firestore.live_documents SET version = 0, written_version = 0 WHERE collection = 'stock';");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "version",
                table: "stock_items");

            migrationBuilder.Sql(PreviousFunctions);
        }
    }
}
