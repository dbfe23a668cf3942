using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Spona.Migrations.Sqlite.Migrations
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
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OperationType",
                table: "AuditUnsealedEntries",
                type: "TEXT",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "OperationId",
                table: "AuditEntries",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OperationType",
                table: "AuditEntries",
                type: "TEXT",
                maxLength: 128,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AuditOperations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    StartedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ActorUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Reason = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditOperations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "StoredFiles",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RecordType = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    RecordId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 534, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    KeyId = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedById = table.Column<Guid>(type: "TEXT", nullable: false),
                    DeletedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DeletedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    DeletionReason = table.Column<string>(type: "TEXT", maxLength: 2054, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StoredFiles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Tasks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 854, nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 8054, nullable: true),
                    SubjectType = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    SubjectId = table.Column<Guid>(type: "TEXT", nullable: true),
                    SubjectCode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    OwnerInstitutionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    JurisdictionId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AssigneeUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    EventAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    AtRiskAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DueAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Escalation = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedByUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ClosedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ClosedByUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CancelReason = table.Column<string>(type: "TEXT", maxLength: 4054, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
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
