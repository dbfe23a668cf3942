using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Spona.Web.Platform.Persistence;

/// <summary>Stores instants as UTC and marks them UTC when read (SQLite keeps no kind).</summary>
internal sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    value => value.Kind == DateTimeKind.Utc ? value : value.ToUniversalTime(),
    value => DateTime.SpecifyKind(value, DateTimeKind.Utc));
