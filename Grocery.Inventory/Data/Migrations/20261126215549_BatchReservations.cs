using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Grocery.Inventory.Data.Migrations
{
    /// <inheritdoc />
    public partial class BatchReservations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(ReservationBatchSql.CreateFunction);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Restores the one-order inventory_reserve the batch function replaced.
            migrationBuilder.Sql(StockLevelSql.CreateFunctions);
            migrationBuilder.Sql(ReservationBatchSql.DropFunction);
        }
    }
}
