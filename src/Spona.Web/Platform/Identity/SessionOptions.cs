namespace Spona.Web.Platform.Identity;

/// <summary>Session lifetimes (S3), configuration section <c>Sessions</c>.</summary>
public sealed class SessionOptions
{
    public const string Section = "Sessions";

    /// <summary>A session that sees no request for this long ends (default 15 minutes).</summary>
    public int IdleTimeoutMinutes { get; set; } = 15;

    /// <summary>A session ends this long after sign-in however active it is (default 12 hours).</summary>
    public int AbsoluteLifetimeHours { get; set; } = 12;

    public TimeSpan IdleTimeout => TimeSpan.FromMinutes(IdleTimeoutMinutes);

    public TimeSpan AbsoluteLifetime => TimeSpan.FromHours(AbsoluteLifetimeHours);
}
