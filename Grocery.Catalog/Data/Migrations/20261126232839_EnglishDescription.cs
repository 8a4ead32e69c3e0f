using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Grocery.Catalog.Data.Migrations
{
    /// <inheritdoc />
    public partial class EnglishDescription : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "description_en",
                table: "products",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: false,
                defaultValue: "");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "description_en",
                table: "products");
        }
    }
}
