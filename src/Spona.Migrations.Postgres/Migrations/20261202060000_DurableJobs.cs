using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Spona.Migrations.Postgres.Migrations
{
    /// <summary>
    /// The tables of Quartz.NET's clustered ADO.NET job store (4.7), prefix <c>qrtz_</c> (Platform/Jobs, ADR 0021).
    /// Written by hand for the schema Quartz 4.7 validates at start; no entity maps them, so the model and its
    /// snapshot do not change. Quartz writes instants as ticks (bigint) and flags as booleans.
    /// </summary>
    [DbContext(typeof(Spona.Migrations.Postgres.PostgresMigrationsMarker))]
    [Migration("20261202060000_DurableJobs")]
    public partial class DurableJobs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE qrtz_job_details (
                    sched_name text NOT NULL,
                    job_name text NOT NULL,
                    job_group text NOT NULL,
                    description text,
                    job_class_name text NOT NULL,
                    is_durable boolean NOT NULL,
                    is_nonconcurrent boolean NOT NULL,
                    is_update_data boolean NOT NULL,
                    requests_recovery boolean NOT NULL,
                    job_data bytea,
                    PRIMARY KEY (sched_name, job_name, job_group)
                )
                """);

            migrationBuilder.Sql("""
                CREATE TABLE qrtz_triggers (
                    sched_name text NOT NULL,
                    trigger_name text NOT NULL,
                    trigger_group text NOT NULL,
                    job_name text NOT NULL,
                    job_group text NOT NULL,
                    description text,
                    next_fire_time bigint,
                    prev_fire_time bigint,
                    priority integer,
                    trigger_state text NOT NULL,
                    trigger_type text NOT NULL,
                    start_time bigint NOT NULL,
                    end_time bigint,
                    calendar_name text,
                    misfire_instr smallint,
                    misfire_orig_fire_time bigint,
                    execution_group text,
                    preferred_node text,
                    preferred_node_auto boolean NOT NULL DEFAULT false,
                    retry_policy text,
                    retry_attempt integer,
                    continues_trigger_name text,
                    continues_trigger_group text,
                    continuation_condition integer,
                    overlap_policy integer,
                    pause_reason text,
                    paused_by text,
                    paused_at bigint,
                    misfire_threshold bigint,
                    fixed_delay boolean,
                    job_data bytea,
                    PRIMARY KEY (sched_name, trigger_name, trigger_group),
                    FOREIGN KEY (sched_name, job_name, job_group) REFERENCES qrtz_job_details (sched_name, job_name, job_group)
                )
                """);

            migrationBuilder.Sql("""
                CREATE TABLE qrtz_simple_triggers (
                    sched_name text NOT NULL,
                    trigger_name text NOT NULL,
                    trigger_group text NOT NULL,
                    repeat_count bigint NOT NULL,
                    repeat_interval bigint NOT NULL,
                    times_triggered bigint NOT NULL,
                    PRIMARY KEY (sched_name, trigger_name, trigger_group),
                    FOREIGN KEY (sched_name, trigger_name, trigger_group) REFERENCES qrtz_triggers (sched_name, trigger_name, trigger_group) ON DELETE CASCADE
                )
                """);

            migrationBuilder.Sql("""
                CREATE TABLE qrtz_cron_triggers (
                    sched_name text NOT NULL,
                    trigger_name text NOT NULL,
                    trigger_group text NOT NULL,
                    cron_expression text NOT NULL,
                    time_zone_id text,
                    PRIMARY KEY (sched_name, trigger_name, trigger_group),
                    FOREIGN KEY (sched_name, trigger_name, trigger_group) REFERENCES qrtz_triggers (sched_name, trigger_name, trigger_group) ON DELETE CASCADE
                )
                """);

            migrationBuilder.Sql("""
                CREATE TABLE qrtz_simprop_triggers (
                    sched_name text NOT NULL,
                    trigger_name text NOT NULL,
                    trigger_group text NOT NULL,
                    str_prop_1 text,
                    str_prop_2 text,
                    str_prop_3 text,
                    int_prop_1 integer,
                    int_prop_2 integer,
                    long_prop_1 bigint,
                    long_prop_2 bigint,
                    dec_prop_1 numeric,
                    dec_prop_2 numeric,
                    bool_prop_1 boolean,
                    bool_prop_2 boolean,
                    time_zone_id text,
                    PRIMARY KEY (sched_name, trigger_name, trigger_group),
                    FOREIGN KEY (sched_name, trigger_name, trigger_group) REFERENCES qrtz_triggers (sched_name, trigger_name, trigger_group) ON DELETE CASCADE
                )
                """);

            migrationBuilder.Sql("""
                CREATE TABLE qrtz_blob_triggers (
                    sched_name text NOT NULL,
                    trigger_name text NOT NULL,
                    trigger_group text NOT NULL,
                    blob_data bytea,
                    PRIMARY KEY (sched_name, trigger_name, trigger_group),
                    FOREIGN KEY (sched_name, trigger_name, trigger_group) REFERENCES qrtz_triggers (sched_name, trigger_name, trigger_group) ON DELETE CASCADE
                )
                """);

            migrationBuilder.Sql("""
                CREATE TABLE qrtz_calendars (
                    sched_name text NOT NULL,
                    calendar_name text NOT NULL,
                    calendar bytea NOT NULL,
                    PRIMARY KEY (sched_name, calendar_name)
                )
                """);

            migrationBuilder.Sql("""
                CREATE TABLE qrtz_paused_trigger_grps (
                    sched_name text NOT NULL,
                    trigger_group text NOT NULL,
                    pause_reason text,
                    paused_by text,
                    paused_at bigint,
                    PRIMARY KEY (sched_name, trigger_group)
                )
                """);

            migrationBuilder.Sql("""
                CREATE TABLE qrtz_paused_job_grps (
                    sched_name text NOT NULL,
                    job_group text NOT NULL,
                    pause_reason text,
                    paused_by text,
                    paused_at bigint,
                    PRIMARY KEY (sched_name, job_group)
                )
                """);

            migrationBuilder.Sql("""
                CREATE TABLE qrtz_fired_triggers (
                    sched_name text NOT NULL,
                    entry_id text NOT NULL,
                    trigger_name text NOT NULL,
                    trigger_group text NOT NULL,
                    instance_name text NOT NULL,
                    fired_time bigint NOT NULL,
                    sched_time bigint NOT NULL,
                    priority integer NOT NULL,
                    state text NOT NULL,
                    job_name text,
                    job_group text,
                    is_nonconcurrent boolean,
                    requests_recovery boolean,
                    execution_group text,
                    progress integer,
                    progress_message text,
                    interrupt_requested_time bigint,
                    PRIMARY KEY (sched_name, entry_id)
                )
                """);

            migrationBuilder.Sql("""
                CREATE TABLE qrtz_scheduler_state (
                    sched_name text NOT NULL,
                    instance_name text NOT NULL,
                    last_checkin_time bigint NOT NULL,
                    checkin_interval bigint NOT NULL,
                    quartz_version text,
                    PRIMARY KEY (sched_name, instance_name)
                )
                """);

            migrationBuilder.Sql("""
                CREATE TABLE qrtz_locks (
                    sched_name text NOT NULL,
                    lock_name text NOT NULL,
                    PRIMARY KEY (sched_name, lock_name)
                )
                """);

            migrationBuilder.Sql("""
                CREATE TABLE qrtz_execution_history (
                    sched_name text NOT NULL,
                    entry_id text NOT NULL,
                    instance_name text NOT NULL,
                    job_name text NOT NULL,
                    job_group text NOT NULL,
                    trigger_name text NOT NULL,
                    trigger_group text NOT NULL,
                    fired_time bigint NOT NULL,
                    run_time bigint NOT NULL,
                    succeeded boolean NOT NULL,
                    error_message text,
                    retry_attempt integer NOT NULL DEFAULT 0,
                    retry_scheduled boolean NOT NULL DEFAULT false,
                    execution_log text,
                    result integer,
                    summary text,
                    metrics text,
                    manual boolean,
                    fire_instance_id text,
                    job_input text,
                    job_input_too_large boolean,
                    PRIMARY KEY (sched_name, entry_id)
                )
                """);

            migrationBuilder.Sql("""
                CREATE TABLE qrtz_misfire_history (
                    sched_name text NOT NULL,
                    entry_id text NOT NULL,
                    instance_name text NOT NULL,
                    trigger_name text NOT NULL,
                    trigger_group text NOT NULL,
                    job_name text,
                    job_group text,
                    misfire_time bigint NOT NULL,
                    sched_time bigint,
                    reason integer,
                    PRIMARY KEY (sched_name, entry_id)
                )
                """);

            migrationBuilder.Sql("""
                CREATE TABLE qrtz_job_status (
                    sched_name text NOT NULL,
                    job_group text NOT NULL,
                    job_name text NOT NULL,
                    first_fired_time bigint NOT NULL,
                    last_fired_time bigint NOT NULL,
                    last_result integer NOT NULL,
                    last_run_time bigint NOT NULL,
                    last_instance_name text NOT NULL,
                    last_entry_id text,
                    last_summary text,
                    last_success_time bigint,
                    last_failure_time bigint,
                    last_failure_message text,
                    consecutive_failures integer NOT NULL DEFAULT 0,
                    run_count bigint NOT NULL DEFAULT 0,
                    failure_count bigint NOT NULL DEFAULT 0,
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
