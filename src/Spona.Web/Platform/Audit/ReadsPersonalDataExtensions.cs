namespace Spona.Web.Platform.Audit;

public static class ReadsPersonalDataExtensions
{
    /// <summary>Marks a minimal API endpoint (or group) as returning personal data of <paramref name="recordType"/>: see <see cref="ReadsPersonalDataAttribute"/>.</summary>
    public static TBuilder ReadsPersonalData<TBuilder>(this TBuilder builder, string recordType)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.WithMetadata(new ReadsPersonalDataAttribute(recordType));
    }
}
