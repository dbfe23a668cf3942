using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Spona.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ActionPlans : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ActionPlans",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Title_En = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Title_Bs = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Title_Hr = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Title_SrLatn = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Title_SrCyrl = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    JurisdictionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OwnerInstitutionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PeriodStart = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    PeriodEnd = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    AdoptedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    DecisionReference = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    CopiedFromPlanId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActionPlans", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ActionPlans_ActionPlans_CopiedFromPlanId",
                        column: x => x.CopiedFromPlanId,
                        principalTable: "ActionPlans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ActionPlans_Institutions_OwnerInstitutionId",
                        column: x => x.OwnerInstitutionId,
                        principalTable: "Institutions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ActionPlans_Jurisdictions_JurisdictionId",
                        column: x => x.JurisdictionId,
                        principalTable: "Jurisdictions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ActionPlanActivities",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PlanId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Title_En = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Title_Bs = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Title_Hr = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Title_SrLatn = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Title_SrCyrl = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    Description = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    LeadInstitutionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Start = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    End = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    StatusReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    PercentComplete = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActionPlanActivities", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ActionPlanActivities_ActionPlans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "ActionPlans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ActionPlanActivities_Institutions_LeadInstitutionId",
                        column: x => x.LeadInstitutionId,
                        principalTable: "Institutions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ActionPlanConsultations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PlanId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Group = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Organisation = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    ConsultedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActionPlanConsultations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ActionPlanConsultations_ActionPlans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "ActionPlans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ActionPlanPeriods",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PlanId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Label = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Start = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    End = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    LockedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LockedByUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActionPlanPeriods", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ActionPlanPeriods_ActionPlans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "ActionPlans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ActionPlanRemunerations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PlanId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TeamInstitutionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Members = table.Column<int>(type: "INTEGER", nullable: false),
                    AmountMinor = table.Column<long>(type: "INTEGER", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActionPlanRemunerations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ActionPlanRemunerations_ActionPlans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "ActionPlans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ActionPlanRemunerations_Institutions_TeamInstitutionId",
                        column: x => x.TeamInstitutionId,
                        principalTable: "Institutions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ActionPlanActivityMeasures",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ActivityId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MeasureId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MeasureItemId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActionPlanActivityMeasures", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ActionPlanActivityMeasures_ActionPlanActivities_ActivityId",
                        column: x => x.ActivityId,
                        principalTable: "ActionPlanActivities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ActionPlanActivityPartners",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ActivityId = table.Column<Guid>(type: "TEXT", nullable: false),
                    InstitutionId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActionPlanActivityPartners", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ActionPlanActivityPartners_ActionPlanActivities_ActivityId",
                        column: x => x.ActivityId,
                        principalTable: "ActionPlanActivities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ActionPlanActivityPartners_Institutions_InstitutionId",
                        column: x => x.InstitutionId,
                        principalTable: "Institutions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ActionPlanActivityUpdates",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ActivityId = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    AuthorUserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    PercentComplete = table.Column<int>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActionPlanActivityUpdates", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ActionPlanActivityUpdates_ActionPlanActivities_ActivityId",
                        column: x => x.ActivityId,
                        principalTable: "ActionPlanActivities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ActionPlanActivityUpdates_AspNetUsers_AuthorUserId",
                        column: x => x.AuthorUserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ActionPlanBudgetLines",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ActivityId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    DonorName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    PlannedMinor = table.Column<long>(type: "INTEGER", nullable: false),
                    ExecutedMinor = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActionPlanBudgetLines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ActionPlanBudgetLines_ActionPlanActivities_ActivityId",
                        column: x => x.ActivityId,
                        principalTable: "ActionPlanActivities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ActionPlanIndicators",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PlanId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ActivityId = table.Column<Guid>(type: "TEXT", nullable: true),
                    MeasureId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Definition = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Unit = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Direction = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    BaselineValue = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: true),
                    BaselineDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Source = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActionPlanIndicators", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ActionPlanIndicators_ActionPlanActivities_ActivityId",
                        column: x => x.ActivityId,
                        principalTable: "ActionPlanActivities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ActionPlanIndicators_ActionPlans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "ActionPlans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ActionPlanReportReminders",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ActivityId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PeriodId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Step = table.Column<int>(type: "INTEGER", nullable: false),
                    SentAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActionPlanReportReminders", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ActionPlanReportReminders_ActionPlanActivities_ActivityId",
                        column: x => x.ActivityId,
                        principalTable: "ActionPlanActivities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ActionPlanReportReminders_ActionPlanPeriods_PeriodId",
                        column: x => x.PeriodId,
                        principalTable: "ActionPlanPeriods",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ActionPlanReports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ActivityId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PeriodId = table.Column<Guid>(type: "TEXT", nullable: false),
                    InstitutionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ReportedStatus = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    PercentComplete = table.Column<int>(type: "INTEGER", nullable: false),
                    Narrative = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    SpentMinor = table.Column<long>(type: "INTEGER", nullable: false),
                    SubmittedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    SubmittedByUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActionPlanReports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ActionPlanReports_ActionPlanActivities_ActivityId",
                        column: x => x.ActivityId,
                        principalTable: "ActionPlanActivities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ActionPlanReports_ActionPlanPeriods_PeriodId",
                        column: x => x.PeriodId,
                        principalTable: "ActionPlanPeriods",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ActionPlanReports_Institutions_InstitutionId",
                        column: x => x.InstitutionId,
                        principalTable: "Institutions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ActionPlanIndicatorTargets",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    IndicatorId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PeriodId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Value = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActionPlanIndicatorTargets", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ActionPlanIndicatorTargets_ActionPlanIndicators_IndicatorId",
                        column: x => x.IndicatorId,
                        principalTable: "ActionPlanIndicators",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ActionPlanIndicatorTargets_ActionPlanPeriods_PeriodId",
                        column: x => x.PeriodId,
                        principalTable: "ActionPlanPeriods",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ActionPlanIndicatorValues",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    IndicatorId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PeriodId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReportId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Value = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActionPlanIndicatorValues", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ActionPlanIndicatorValues_ActionPlanIndicators_IndicatorId",
                        column: x => x.IndicatorId,
                        principalTable: "ActionPlanIndicators",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ActionPlanIndicatorValues_ActionPlanPeriods_PeriodId",
                        column: x => x.PeriodId,
                        principalTable: "ActionPlanPeriods",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ActionPlanIndicatorValues_ActionPlanReports_ReportId",
                        column: x => x.ReportId,
                        principalTable: "ActionPlanReports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ActionPlanReportCorrections",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReportId = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CorrectedByUserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Before = table.Column<string>(type: "TEXT", maxLength: 16000, nullable: false),
                    After = table.Column<string>(type: "TEXT", maxLength: 16000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActionPlanReportCorrections", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ActionPlanReportCorrections_ActionPlanReports_ReportId",
                        column: x => x.ReportId,
                        principalTable: "ActionPlanReports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ActionPlanReportReviews",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReportId = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ReviewerUserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Level = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Decision = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActionPlanReportReviews", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ActionPlanReportReviews_ActionPlanReports_ReportId",
                        column: x => x.ReportId,
                        principalTable: "ActionPlanReports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ActionPlanIndicatorBreakdown",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ValueId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Dimension = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Value = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActionPlanIndicatorBreakdown", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ActionPlanIndicatorBreakdown_ActionPlanIndicatorValues_ValueId",
                        column: x => x.ValueId,
                        principalTable: "ActionPlanIndicatorValues",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ActionPlanActivities_LeadInstitutionId",
                table: "ActionPlanActivities",
                column: "LeadInstitutionId");

            migrationBuilder.CreateIndex(
                name: "IX_ActionPlanActivities_PlanId_Number",
                table: "ActionPlanActivities",
                columns: new[] { "PlanId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ActionPlanActivityMeasures_ActivityId_MeasureId_MeasureItemId",
                table: "ActionPlanActivityMeasures",
                columns: new[] { "ActivityId", "MeasureId", "MeasureItemId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ActionPlanActivityMeasures_MeasureId",
                table: "ActionPlanActivityMeasures",
                column: "MeasureId");

            migrationBuilder.CreateIndex(
                name: "IX_ActionPlanActivityPartners_ActivityId_InstitutionId",
                table: "ActionPlanActivityPartners",
                columns: new[] { "ActivityId", "InstitutionId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ActionPlanActivityPartners_InstitutionId",
                table: "ActionPlanActivityPartners",
                column: "InstitutionId");

            migrationBuilder.CreateIndex(
                name: "IX_ActionPlanActivityUpdates_ActivityId_At",
                table: "ActionPlanActivityUpdates",
                columns: new[] { "ActivityId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_ActionPlanActivityUpdates_AuthorUserId",
                table: "ActionPlanActivityUpdates",
                column: "AuthorUserId");

            migrationBuilder.CreateIndex(
                name: "IX_ActionPlanBudgetLines_ActivityId_Year",
                table: "ActionPlanBudgetLines",
                columns: new[] { "ActivityId", "Year" });

            migrationBuilder.CreateIndex(
                name: "IX_ActionPlanConsultations_PlanId_ConsultedOn",
                table: "ActionPlanConsultations",
                columns: new[] { "PlanId", "ConsultedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_ActionPlanIndicatorBreakdown_ValueId_Dimension_Category",
                table: "ActionPlanIndicatorBreakdown",
                columns: new[] { "ValueId", "Dimension", "Category" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ActionPlanIndicators_ActivityId",
                table: "ActionPlanIndicators",
                column: "ActivityId");

            migrationBuilder.CreateIndex(
                name: "IX_ActionPlanIndicators_PlanId",
                table: "ActionPlanIndicators",
                column: "PlanId");

            migrationBuilder.CreateIndex(
                name: "IX_ActionPlanIndicatorTargets_IndicatorId_PeriodId",
                table: "ActionPlanIndicatorTargets",
                columns: new[] { "IndicatorId", "PeriodId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ActionPlanIndicatorTargets_PeriodId",
                table: "ActionPlanIndicatorTargets",
                column: "PeriodId");

            migrationBuilder.CreateIndex(
                name: "IX_ActionPlanIndicatorValues_IndicatorId_PeriodId",
                table: "ActionPlanIndicatorValues",
                columns: new[] { "IndicatorId", "PeriodId" });

            migrationBuilder.CreateIndex(
                name: "IX_ActionPlanIndicatorValues_PeriodId",
                table: "ActionPlanIndicatorValues",
                column: "PeriodId");

            migrationBuilder.CreateIndex(
                name: "IX_ActionPlanIndicatorValues_ReportId",
                table: "ActionPlanIndicatorValues",
                column: "ReportId");

            migrationBuilder.CreateIndex(
                name: "IX_ActionPlanPeriods_DueOn",
                table: "ActionPlanPeriods",
                column: "DueOn");

            migrationBuilder.CreateIndex(
                name: "IX_ActionPlanPeriods_PlanId_Label",
                table: "ActionPlanPeriods",
                columns: new[] { "PlanId", "Label" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ActionPlanRemunerations_PlanId_Year",
                table: "ActionPlanRemunerations",
                columns: new[] { "PlanId", "Year" });

            migrationBuilder.CreateIndex(
                name: "IX_ActionPlanRemunerations_TeamInstitutionId",
                table: "ActionPlanRemunerations",
                column: "TeamInstitutionId");

            migrationBuilder.CreateIndex(
                name: "IX_ActionPlanReportCorrections_ReportId_At",
                table: "ActionPlanReportCorrections",
                columns: new[] { "ReportId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_ActionPlanReportReminders_ActivityId_PeriodId_Step",
                table: "ActionPlanReportReminders",
                columns: new[] { "ActivityId", "PeriodId", "Step" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ActionPlanReportReminders_PeriodId",
                table: "ActionPlanReportReminders",
                column: "PeriodId");

            migrationBuilder.CreateIndex(
                name: "IX_ActionPlanReportReviews_ReportId_At",
                table: "ActionPlanReportReviews",
                columns: new[] { "ReportId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_ActionPlanReports_ActivityId_PeriodId",
                table: "ActionPlanReports",
                columns: new[] { "ActivityId", "PeriodId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ActionPlanReports_InstitutionId_State",
                table: "ActionPlanReports",
                columns: new[] { "InstitutionId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_ActionPlanReports_PeriodId",
                table: "ActionPlanReports",
                column: "PeriodId");

            migrationBuilder.CreateIndex(
                name: "IX_ActionPlans_CopiedFromPlanId",
                table: "ActionPlans",
                column: "CopiedFromPlanId");

            migrationBuilder.CreateIndex(
                name: "IX_ActionPlans_JurisdictionId_PeriodStart",
                table: "ActionPlans",
                columns: new[] { "JurisdictionId", "PeriodStart" });

            migrationBuilder.CreateIndex(
                name: "IX_ActionPlans_OwnerInstitutionId",
                table: "ActionPlans",
                column: "OwnerInstitutionId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ActionPlanActivityMeasures");

            migrationBuilder.DropTable(
                name: "ActionPlanActivityPartners");

            migrationBuilder.DropTable(
                name: "ActionPlanActivityUpdates");

            migrationBuilder.DropTable(
                name: "ActionPlanBudgetLines");

            migrationBuilder.DropTable(
                name: "ActionPlanConsultations");

            migrationBuilder.DropTable(
                name: "ActionPlanIndicatorBreakdown");

            migrationBuilder.DropTable(
                name: "ActionPlanIndicatorTargets");

            migrationBuilder.DropTable(
                name: "ActionPlanRemunerations");

            migrationBuilder.DropTable(
                name: "ActionPlanReportCorrections");

            migrationBuilder.DropTable(
                name: "ActionPlanReportReminders");

            migrationBuilder.DropTable(
                name: "ActionPlanReportReviews");

            migrationBuilder.DropTable(
                name: "ActionPlanIndicatorValues");

            migrationBuilder.DropTable(
                name: "ActionPlanIndicators");

            migrationBuilder.DropTable(
                name: "ActionPlanReports");

            migrationBuilder.DropTable(
                name: "ActionPlanActivities");

            migrationBuilder.DropTable(
                name: "ActionPlanPeriods");

            migrationBuilder.DropTable(
                name: "ActionPlans");
        }
    }
}
