using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Spona.Web.Features.Shared;

namespace Spona.Web.Features.Strategy;

/// <summary>
/// The catalogue's mapping. Tables are named here (the module's sets are extension members, <see cref="StrategySets"/>,
/// which name no table).
/// </summary>
internal sealed class StrategyConfiguration :
    IEntityTypeConfiguration<StrategyDocument>,
    IEntityTypeConfiguration<StrategyGoal>,
    IEntityTypeConfiguration<StrategyMeasure>,
    IEntityTypeConfiguration<MeasureItem>,
    IEntityTypeConfiguration<MeasureAmendment>,
    IEntityTypeConfiguration<MeasureRevision>
{
    public void Configure(EntityTypeBuilder<StrategyDocument> builder)
    {
        builder.ToTable("Strategies");
        builder.Property(s => s.Code).HasMaxLength(64);
        builder.HasIndex(s => s.Code).IsUnique();
        builder.OwnsLocalizedText(s => s.Title, "Title", 300);
        builder.OwnsLocalizedText(s => s.GeneralGoalTitle, "GeneralGoalTitle", 300);
        builder.Property(s => s.ContentHash).HasMaxLength(64);
    }

    public void Configure(EntityTypeBuilder<StrategyGoal> builder)
    {
        builder.ToTable("StrategyGoals");
        builder.Property(g => g.Number).HasMaxLength(8);
        builder.HasIndex(g => new { g.StrategyId, g.Number }).IsUnique();
        builder.OwnsLocalizedText(g => g.Title, "Title", 300);
        builder.HasOne<StrategyDocument>().WithMany().HasForeignKey(g => g.StrategyId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<StrategyMeasure> builder)
    {
        builder.ToTable("StrategyMeasures");
        builder.Property(m => m.Number).HasMaxLength(8);
        builder.HasIndex(m => new { m.StrategyId, m.Number }).IsUnique();
        builder.OwnsLocalizedText(m => m.Title, "Title", 400);
        builder.HasOne<StrategyDocument>().WithMany().HasForeignKey(m => m.StrategyId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<StrategyGoal>().WithMany().HasForeignKey(m => m.GoalId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(m => m.Items).WithOne().HasForeignKey(i => i.MeasureId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<MeasureItem> builder)
    {
        builder.ToTable("MeasureItems");
        builder.Property(i => i.Number).HasMaxLength(8);
        builder.HasIndex(i => new { i.MeasureId, i.SortOrder });
    }

    public void Configure(EntityTypeBuilder<MeasureAmendment> builder)
    {
        builder.ToTable("MeasureAmendments");
        builder.Property(a => a.ProposedBy).HasMaxLength(300);
        builder.Property(a => a.DecisionReference).HasMaxLength(200);
        builder.Property(a => a.Change).HasMaxLength(4000);
        builder.HasOne<StrategyMeasure>().WithMany().HasForeignKey(a => a.MeasureId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => a.MeasureId);
    }

    public void Configure(EntityTypeBuilder<MeasureRevision> builder)
    {
        builder.ToTable("MeasureRevisions");
        builder.Property(r => r.PreviousTitle).HasMaxLength(400);
        builder.HasOne<StrategyMeasure>().WithMany().HasForeignKey(r => r.MeasureId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => r.MeasureId);
    }
}
