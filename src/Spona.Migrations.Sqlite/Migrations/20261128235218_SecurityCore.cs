using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Spona.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class SecurityCore : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Written by hand (the generated AddColumn + AddForeignKey made SQLite rebuild AspNetUsers, and the rebuild's
            // PRAGMA foreign_keys cannot run inside the migration's transaction, so a crash could leave the migration
            // half-applied). SQLite adds a nullable column with its foreign key in place; the schema is the same as the
            // rebuild's (MigrationTests compares it with the model). Databases that applied the generated version keep it.
            migrationBuilder.Sql(
                "ALTER TABLE \"AspNetUsers\" ADD COLUMN \"JurisdictionId\" TEXT NULL " +
                "CONSTRAINT \"FK_AspNetUsers_Jurisdictions_JurisdictionId\" REFERENCES \"Jurisdictions\" (\"Id\") ON DELETE RESTRICT;");

            migrationBuilder.AddColumn<long>(
                name: "LastTotpTimeStep",
                table: "AspNetUsers",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ApiTokens",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    SecretHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Permissions = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RevokedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastUsedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApiTokens", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ApiTokens_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RecordAccessGrants",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RecordType = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    RecordId = table.Column<Guid>(type: "TEXT", nullable: false),
                    GranteeUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    GranteeInstitutionId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Basis = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 8054, nullable: true),
                    ValidFrom = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ValidUntil = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RevokedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CreatedByUserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RecordAccessGrants", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_JurisdictionId",
                table: "AspNetUsers",
                column: "JurisdictionId");

            migrationBuilder.CreateIndex(
                name: "IX_ApiTokens_UserId",
                table: "ApiTokens",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_RecordAccessGrants_Basis_CreatedAt",
                table: "RecordAccessGrants",
                columns: new[] { "Basis", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_RecordAccessGrants_RecordType_RecordId",
                table: "RecordAccessGrants",
                columns: new[] { "RecordType", "RecordId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Reverting needs a table rebuild (SQLite cannot drop a column that a foreign key uses): back up first.
            migrationBuilder.DropForeignKey(
                name: "FK_AspNetUsers_Jurisdictions_JurisdictionId",
                table: "AspNetUsers");

            migrationBuilder.DropTable(
                name: "ApiTokens");

            migrationBuilder.DropTable(
                name: "RecordAccessGrants");

            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_JurisdictionId",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "JurisdictionId",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "LastTotpTimeStep",
                table: "AspNetUsers");
        }
    }
}
