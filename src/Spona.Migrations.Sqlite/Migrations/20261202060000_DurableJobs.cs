using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Spona.Migrations.Sqlite.Migrations
{
    /// <summary>
    /// The tables of Quartz.NET's clustered ADO.NET job store (4.7), prefix <c>qrtz_</c> (Platform/Jobs, ADR 0021).
    /// Written by hand for the schema Quartz 4.7 validates at start; no entity maps them, so the model and its
    /// snapshot do not change. Quartz writes instants as ticks and flags as 0/1 (INTEGER); a trigger on qrtz_triggers deletes its detail rows for connections that run without foreign keys.
    /// </summary>
    [DbContext(typeof(Spona.Migrations.Sqlite.SqliteMigrationsMarker))]
    [Migration("20261202060000_DurableJobs")]
    public partial class DurableJobs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE qrtz_job_details (
                    sched_name TEXT NOT NULL,
                    job_name TEXT NOT NULL,
                    job_group TEXT NOT NULL,
                    description TEXT,
                    job_class_name TEXT NOT NULL,
                    is_durable INTEGER NOT NULL,
                    is_nonconcurrent INTEGER NOT NULL,
                    is_update_data INTEGER NOT NULL,
                    requests_recovery INTEGER NOT NULL,
                    job_data BLOB,
                    PRIMARY KEY (sched_name, job_name, job_group)
                )
                """);

            migrationBuilder.Sql("""
                CREATE TABLE qrtz_triggers (
                    sched_name TEXT NOT NULL,
                    trigger_name TEXT NOT NULL,
                    trigger_group TEXT NOT NULL,
                    job_name TEXT NOT NULL,
                    job_group TEXT NOT NULL,
                    description TEXT,
                    next_fire_time INTEGER,
                    prev_fire_time INTEGER,
                    priority INTEGER,
                    trigger_state TEXT NOT NULL,
                    trigger_type TEXT NOT NULL,
                    start_time INTEGER NOT NULL,
                    end_time INTEGER,
                    calendar_name TEXT,
                    misfire_instr INTEGER,
                    misfire_orig_fire_time INTEGER,
                    execution_group TEXT,
                    preferred_node TEXT,
                    preferred_node_auto INTEGER NOT NULL DEFAULT 0,
                    retry_policy TEXT,
                    retry_attempt INTEGER,
                    continues_trigger_name TEXT,
                    continues_trigger_group TEXT,
                    continuation_condition INTEGER,
                    overlap_policy INTEGER,
                    pause_reason TEXT,
                    paused_by TEXT,
                    paused_at INTEGER,
                    misfire_threshold INTEGER,
                    fixed_delay INTEGER,
                    job_data BLOB,
                    PRIMARY KEY (sched_name, trigger_name, trigger_group),
                    FOREIGN KEY (sched_name, job_name, job_group) REFERENCES qrtz_job_details (sched_name, job_name, job_group)
                )
                """);

            migrationBuilder.Sql("""
                CREATE TABLE qrtz_simple_triggers (
                    sched_name TEXT NOT NULL,
                    trigger_name TEXT NOT NULL,
                    trigger_group TEXT NOT NULL,
                    repeat_count INTEGER NOT NULL,
                    repeat_interval INTEGER NOT NULL,
                    times_triggered INTEGER NOT NULL,
                    PRIMARY KEY (sched_name, trigger_name, trigger_group),
                    FOREIGN KEY (sched_name, trigger_name, trigger_group) REFERENCES qrtz_triggers (sched_name, trigger_name, trigger_group) ON DELETE CASCADE
                )
                """);

            migrationBuilder.Sql("""
                CREATE TABLE qrtz_cron_triggers (
                    sched_name TEXT NOT NULL,
                    trigger_name TEXT NOT NULL,
                    trigger_group TEXT NOT NULL,
                    cron_expression TEXT NOT NULL,
                    time_zone_id TEXT,
                    PRIMARY KEY (sched_name, trigger_name, trigger_group),
                    FOREIGN KEY (sched_name, trigger_name, trigger_group) REFERENCES qrtz_triggers (sched_name, trigger_name, trigger_group) ON DELETE CASCADE
                )
                """);

            migrationBuilder.Sql("""
                CREATE TABLE qrtz_simprop_triggers (
                    sched_name TEXT NOT NULL,
                    trigger_name TEXT NOT NULL,
                    trigger_group TEXT NOT NULL,
                    str_prop_1 TEXT,
                    str_prop_2 TEXT,
                    str_prop_3 TEXT,
                    int_prop_1 INTEGER,
                    int_prop_2 INTEGER,
                    long_prop_1 INTEGER,
                    long_prop_2 INTEGER,
                    dec_prop_1 NUMERIC,
                    dec_prop_2 NUMERIC,
                    bool_prop_1 INTEGER,
                    bool_prop_2 INTEGER,
                    time_zone_id TEXT,
                    PRIMARY KEY (sched_name, trigger_name, trigger_group),
                    FOREIGN KEY (sched_name, trigger_name, trigger_group) REFERENCES qrtz_triggers (sched_name, trigger_name, trigger_group) ON DELETE CASCADE
                )
                """);

            migrationBuilder.Sql("""
                CREATE TABLE qrtz_blob_triggers (
                    sched_name TEXT NOT NULL,
                    trigger_name TEXT NOT NULL,
                    trigger_group TEXT NOT NULL,
                    blob_data BLOB,
                    PRIMARY KEY (sched_name, trigger_name, trigger_group),
                    FOREIGN KEY (sched_name, trigger_name, trigger_group) REFERENCES qrtz_triggers (sched_name, trigger_name, trigger_group) ON DELETE CASCADE
                )
                """);

            migrationBuilder.Sql("""
                CREATE TABLE qrtz_calendars (
                    sched_name TEXT NOT NULL,
                    calendar_name TEXT NOT NULL,
                    calendar BLOB NOT NULL,
                    PRIMARY KEY (sched_name, calendar_name)
                )
                """);

            migrationBuilder.Sql("""
                CREATE TABLE qrtz_paused_trigger_grps (
                    sched_name TEXT NOT NULL,
                    trigger_group TEXT NOT NULL,
                    pause_reason TEXT,
                    paused_by TEXT,
                    paused_at INTEGER,
                    PRIMARY KEY (sched_name, trigger_group)
                )
                """);

            migrationBuilder.Sql("""
                CREATE TABLE qrtz_paused_job_grps (
                    sched_name TEXT NOT NULL,
                    job_group TEXT NOT NULL,
                    pause_reason TEXT,
                    paused_by TEXT,
                    paused_at INTEGER,
                    PRIMARY KEY (sched_name, job_group)
                )
                """);

            migrationBuilder.Sql("""
                CREATE TABLE qrtz_fired_triggers (
                    sched_name TEXT NOT NULL,
                    entry_id TEXT NOT NULL,
                    trigger_name TEXT NOT NULL,
                    trigger_group TEXT NOT NULL,
                    instance_name TEXT NOT NULL,
                    fired_time INTEGER NOT NULL,
                    sched_time INTEGER NOT NULL,
                    priority INTEGER NOT NULL,
                    state TEXT NOT NULL,
                    job_name TEXT,
                    job_group TEXT,
                    is_nonconcurrent INTEGER,
                    requests_recovery INTEGER,
                    execution_group TEXT,
                    progress INTEGER,
                    progress_message TEXT,
                    interrupt_requested_time INTEGER,
                    PRIMARY KEY (sched_name, entry_id)
                )
                """);

            migrationBuilder.Sql("""
                CREATE TABLE qrtz_scheduler_state (
                    sched_name TEXT NOT NULL,
                    instance_name TEXT NOT NULL,
                    last_checkin_time INTEGER NOT NULL,
                    checkin_interval INTEGER NOT NULL,
                    quartz_version TEXT,
                    PRIMARY KEY (sched_name, instance_name)
                )
                """);

            migrationBuilder.Sql("""
                CREATE TABLE qrtz_locks (
                    sched_name TEXT NOT NULL,
                    lock_name TEXT NOT NULL,
                    PRIMARY KEY (sched_name, lock_name)
                )
                """);

            migrationBuilder.Sql("""
                CREATE TABLE qrtz_execution_history (
                    sched_name TEXT NOT NULL,
                    entry_id TEXT NOT NULL,
                    instance_name TEXT NOT NULL,
                    job_name TEXT NOT NULL,
                    job_group TEXT NOT NULL,
                    trigger_name TEXT NOT NULL,
                    trigger_group TEXT NOT NULL,
                    fired_time INTEGER NOT NULL,
                    run_time INTEGER NOT NULL,
                    succeeded INTEGER NOT NULL,
                    error_message TEXT,
                    retry_attempt INTEGER NOT NULL DEFAULT 0,
                    retry_scheduled INTEGER NOT NULL DEFAULT 0,
                    execution_log TEXT,
                    result INTEGER,
                    summary TEXT,
                    metrics TEXT,
                    manual INTEGER,
                    fire_instance_id TEXT,
                    job_input TEXT,
                    job_input_too_large INTEGER,
                    PRIMARY KEY (sched_name, entry_id)
                )
                """);

            migrationBuilder.Sql("""
                CREATE TABLE qrtz_misfire_history (
                    sched_name TEXT NOT NULL,
                    entry_id TEXT NOT NULL,
                    instance_name TEXT NOT NULL,
                    trigger_name TEXT NOT NULL,
                    trigger_group TEXT NOT NULL,
                    job_name TEXT,
                    job_group TEXT,
                    misfire_time INTEGER NOT NULL,
                    sched_time INTEGER,
                    reason INTEGER,
                    PRIMARY KEY (sched_name, entry_id)
                )
                """);

            migrationBuilder.Sql("""
                CREATE TABLE qrtz_job_status (
                    sched_name TEXT NOT NULL,
                    job_group TEXT NOT NULL,
                    job_name TEXT NOT NULL,
                    first_fired_time INTEGER NOT NULL,
                    last_fired_time INTEGER NOT NULL,
                    last_result INTEGER NOT NULL,
                    last_run_time INTEGER NOT NULL,
                    last_instance_name TEXT NOT NULL,
                    last_entry_id TEXT,
                    last_summary TEXT,
                    last_success_time INTEGER,
                    last_failure_time INTEGER,
                    last_failure_message TEXT,
                    consecutive_failures INTEGER NOT NULL DEFAULT 0,
                    run_count INTEGER NOT NULL DEFAULT 0,
                    failure_count INTEGER NOT NULL DEFAULT 0,
                    PRIMARY KEY (sched_name, job_group, job_name)
                )
                """);

            migrationBuilder.Sql("""
                CREATE INDEX ix_qrtz_j_grp ON qrtz_job_details (sched_name, job_group)
                """);

            migrationBuilder.Sql("""
                CREATE INDEX ix_qrtz_t_job ON qrtz_triggers (sched_name, job_name, job_group)
                """);

            migrationBuilder.Sql("""
                CREATE INDEX ix_qrtz_t_grp ON qrtz_triggers (sched_name, trigger_group)
                """);

            migrationBuilder.Sql("""
                CREATE INDEX ix_qrtz_t_cal ON qrtz_triggers (sched_name, calendar_name)
                """);

            migrationBuilder.Sql("""
                CREATE INDEX ix_qrtz_t_due ON qrtz_triggers (sched_name, trigger_state, next_fire_time, priority DESC, misfire_instr)
                """);

            migrationBuilder.Sql("""
                CREATE INDEX ix_qrtz_ft_inst ON qrtz_fired_triggers (sched_name, instance_name, requests_recovery)
                """);

            migrationBuilder.Sql("""
                CREATE INDEX ix_qrtz_ft_job ON qrtz_fired_triggers (sched_name, job_name, job_group)
                """);

            migrationBuilder.Sql("""
                CREATE INDEX ix_qrtz_ft_trg ON qrtz_fired_triggers (sched_name, trigger_name, trigger_group)
                """);

            migrationBuilder.Sql("""
                CREATE INDEX ix_qrtz_eh_time ON qrtz_execution_history (sched_name, fired_time)
                """);

            migrationBuilder.Sql("""
                CREATE INDEX ix_qrtz_eh_inst ON qrtz_execution_history (sched_name, instance_name)
                """);

            migrationBuilder.Sql("""
                CREATE INDEX ix_qrtz_eh_job ON qrtz_execution_history (sched_name, job_group, job_name, fired_time)
                """);

            migrationBuilder.Sql("""
                CREATE INDEX ix_qrtz_eh_trg ON qrtz_execution_history (sched_name, trigger_group, trigger_name, fired_time)
                """);

            migrationBuilder.Sql("""
                CREATE INDEX ix_qrtz_eh_fire ON qrtz_execution_history (sched_name, fire_instance_id)
                """);

            migrationBuilder.Sql("""
                CREATE INDEX ix_qrtz_mh_time ON qrtz_misfire_history (sched_name, misfire_time)
                """);

            migrationBuilder.Sql("""
                CREATE INDEX ix_qrtz_mh_inst ON qrtz_misfire_history (sched_name, instance_name)
                """);

            migrationBuilder.Sql("""
                CREATE TRIGGER qrtz_simple_triggers_delete AFTER DELETE ON qrtz_triggers
                BEGIN
                    DELETE FROM qrtz_simple_triggers WHERE sched_name = OLD.sched_name AND trigger_name = OLD.trigger_name AND trigger_group = OLD.trigger_group;
                END
                """);

            migrationBuilder.Sql("""
                CREATE TRIGGER qrtz_cron_triggers_delete AFTER DELETE ON qrtz_triggers
                BEGIN
                    DELETE FROM qrtz_cron_triggers WHERE sched_name = OLD.sched_name AND trigger_name = OLD.trigger_name AND trigger_group = OLD.trigger_group;
                END
                """);

            migrationBuilder.Sql("""
                CREATE TRIGGER qrtz_simprop_triggers_delete AFTER DELETE ON qrtz_triggers
                BEGIN
                    DELETE FROM qrtz_simprop_triggers WHERE sched_name = OLD.sched_name AND trigger_name = OLD.trigger_name AND trigger_group = OLD.trigger_group;
                END
                """);

            migrationBuilder.Sql("""
                CREATE TRIGGER qrtz_blob_triggers_delete AFTER DELETE ON qrtz_triggers
                BEGIN
                    DELETE FROM qrtz_blob_triggers WHERE sched_name = OLD.sched_name AND trigger_name = OLD.trigger_name AND trigger_group = OLD.trigger_group;
                END
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TABLE qrtz_job_status");
            migrationBuilder.Sql("DROP TABLE qrtz_misfire_history");
            migrationBuilder.Sql("DROP TABLE qrtz_execution_history");
            migrationBuilder.Sql("DROP TABLE qrtz_locks");
            migrationBuilder.Sql("DROP TABLE qrtz_scheduler_state");
            migrationBuilder.Sql("DROP TABLE qrtz_fired_triggers");
            migrationBuilder.Sql("DROP TABLE qrtz_paused_job_grps");
            migrationBuilder.Sql("DROP TABLE qrtz_paused_trigger_grps");
            migrationBuilder.Sql("DROP TABLE qrtz_calendars");
            migrationBuilder.Sql("DROP TABLE qrtz_blob_triggers");
            migrationBuilder.Sql("DROP TABLE qrtz_simprop_triggers");
            migrationBuilder.Sql("DROP TABLE qrtz_cron_triggers");
            migrationBuilder.Sql("DROP TABLE qrtz_simple_triggers");
            migrationBuilder.Sql("DROP TABLE qrtz_triggers");
            migrationBuilder.Sql("DROP TABLE qrtz_job_details");
        }
    }
}
