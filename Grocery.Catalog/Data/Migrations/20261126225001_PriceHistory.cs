using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Grocery.Catalog.Data.Migrations
{
    /// <inheritdoc />
    public partial class PriceHistory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(PriceHistorySchema.Create);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(PriceHistorySchema.Drop);
        }
    }
}
