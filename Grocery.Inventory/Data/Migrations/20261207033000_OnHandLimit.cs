using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Grocery.Inventory.Data.Migrations
{
    /// <inheritdoc />
    public partial class OnHandLimit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(OnHandLimitSql.CreateFunctions);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(OnHandLimitSql.DropFunctions);
        }
    }
}
