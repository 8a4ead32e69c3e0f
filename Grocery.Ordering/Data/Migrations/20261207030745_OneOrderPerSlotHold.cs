using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Grocery.Ordering.Data.Migrations
{
    /// <inheritdoc />
    public partial class OneOrderPerSlotHold : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ux_orders_slot_hold",
                table: "orders",
                column: "SlotHoldId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ux_orders_slot_hold",
                table: "orders");
        }
    }
}
