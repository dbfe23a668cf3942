using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Spona.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class CaseWorkPlatform : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "OperationId",
                table: "AuditUnsealedEntries",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OperationType",
                table: "AuditUnsealedEntries",
                type: "character varying(128)",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "OperationId",
                table: "AuditEntries",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OperationType",
                table: "AuditEntries",
                type: "character varying(128)",
                maxLength: 128,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AuditOperations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Type = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    StartedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ActorUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    Reason = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditOperations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "StoredFiles",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RecordType = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    RecordId = table.Column<Guid>(type: "uuid", nullable: false),
                    FileName = table.Column<string>(type: "character varying(534)", maxLength: 534, nullable: false),
                    ContentType = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Size = table.Column<long>(type: "bigint", nullable: false),
                    KeyId = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedById = table.Column<Guid>(type: "uuid", nullable: false),
                    DeletedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DeletedById = table.Column<Guid>(type: "uuid", nullable: true),
                    DeletionReason = table.Column<string>(type: "character varying(2054)", maxLength: 2054, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StoredFiles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Tasks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Title = table.Column<string>(type: "character varying(854)", maxLength: 854, nullable: true),
                    Note = table.Column<string>(type: "character varying(8054)", maxLength: 8054, nullable: true),
                    SubjectType = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    SubjectId = table.Column<Guid>(type: "uuid", nullable: true),
                    SubjectCode = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    OwnerInstitutionId = table.Column<Guid>(type: "uuid", nullable: false),
                    JurisdictionId = table.Column<Guid>(type: "uuid", nullable: true),
                    AssigneeUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    EventAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    AtRiskAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DueAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    State = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Escalation = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedByUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    ClosedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ClosedByUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    CancelReason = table.Column<string>(type: "character varying(4054)", maxLength: 4054, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Tasks", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_OperationId",
                table: "AuditEntries",
                column: "OperationId");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_OperationType",
                table: "AuditEntries",
                column: "OperationType");

            migrationBuilder.CreateIndex(
                name: "IX_StoredFiles_RecordType_RecordId_CreatedAt",
                table: "StoredFiles",
                columns: new[] { "RecordType", "RecordId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Tasks_AssigneeUserId_State_DueAt",
                table: "Tasks",
                columns: new[] { "AssigneeUserId", "State", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Tasks_OwnerInstitutionId_State_DueAt",
                table: "Tasks",
                columns: new[] { "OwnerInstitutionId", "State", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Tasks_State_DueAt",
                table: "Tasks",
                columns: new[] { "State", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Tasks_SubjectType_SubjectId",
                table: "Tasks",
                columns: new[] { "SubjectType", "SubjectId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AuditOperations");

            migrationBuilder.DropTable(
                name: "StoredFiles");

            migrationBuilder.DropTable(
                name: "Tasks");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_OperationId",
                table: "AuditEntries");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_OperationType",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "OperationId",
                table: "AuditUnsealedEntries");

            migrationBuilder.DropColumn(
                name: "OperationType",
                table: "AuditUnsealedEntries");

            migrationBuilder.DropColumn(
                name: "OperationId",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "OperationType",
                table: "AuditEntries");
        }
    }
}
