using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Grocery.Delivery.Data.Migrations
{
    /// <inheritdoc />
    public partial class FirestoreLiveDocuments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "firestore");

            migrationBuilder.CreateTable(
                name: "live_documents",
                schema: "firestore",
                columns: table => new
                {
                    collection = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    document_id = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    fields = table.Column<byte[]>(type: "bytea", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false),
                    written_version = table.Column<long>(type: "bigint", nullable: false),
                    changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    written_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_live_documents", x => new { x.collection, x.document_id });
                });

            migrationBuilder.CreateIndex(
                name: "ix_live_documents_pending",
                schema: "firestore",
                table: "live_documents",
                column: "changed_at",
                filter: "version > written_version");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "live_documents",
                schema: "firestore");
        }
    }
}
