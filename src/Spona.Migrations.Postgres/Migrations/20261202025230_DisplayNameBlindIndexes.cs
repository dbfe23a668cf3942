using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Spona.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class DisplayNameBlindIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "DisplayNameIndex",
                table: "AspNetUsers",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DisplayNameWords",
                table: "AspNetUsers",
                type: "character varying(265)",
                maxLength: 265,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_DisplayNameIndex",
                table: "AspNetUsers",
                column: "DisplayNameIndex");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_DisplayNameIndex",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "DisplayNameIndex",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "DisplayNameWords",
                table: "AspNetUsers");
        }
    }
}
