using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Grocery.Catalog.Data.Migrations
{
    /// <inheritdoc />
    public partial class EnglishDescriptionSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(CatalogSearchSchema.VectorWithEnglishDescription);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(CatalogSearchSchema.VectorWithoutEnglishDescription);
        }
    }
}
