using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Grocery.Catalog.Data.Migrations
{
    /// <inheritdoc />
    public partial class AvailabilityVersion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Rows stored before get 0, as events published before versions carry: time orders them, and
            // any versioned event outranks them.
            migrationBuilder.AddColumn<long>(
                name: "version",
                table: "product_availability",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "version",
                table: "product_availability");
        }
    }
}
