using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Spona.Web.Features.Shared;

internal static class LocalizedTextMapping
{
    /// <summary>Maps a <see cref="LocalizedText"/> as five columns named Prefix_En, Prefix_Bs, …</summary>
    public static void OwnsLocalizedText<T>(this EntityTypeBuilder<T> builder, Expression<Func<T, LocalizedText?>> navigation, string prefix, int maxLength)
        where T : class
    {
        builder.OwnsOne(navigation, text =>
        {
            text.Property(t => t.En).HasColumnName($"{prefix}_En").HasMaxLength(maxLength).IsRequired();
            text.Property(t => t.Bs).HasColumnName($"{prefix}_Bs").HasMaxLength(maxLength).IsRequired();
            text.Property(t => t.Hr).HasColumnName($"{prefix}_Hr").HasMaxLength(maxLength).IsRequired();
            text.Property(t => t.SrLatn).HasColumnName($"{prefix}_SrLatn").HasMaxLength(maxLength).IsRequired();
            text.Property(t => t.SrCyrl).HasColumnName($"{prefix}_SrCyrl").HasMaxLength(maxLength);
        });
        builder.Navigation(navigation).IsRequired();
    }
}
