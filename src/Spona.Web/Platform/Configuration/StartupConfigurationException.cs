namespace Spona.Web.Platform.Configuration;

/// <summary>
/// A configuration value that prevents the application from starting. The message is one sentence that names the
/// configuration key; Program prints it and exits non-zero.
/// </summary>
public sealed class StartupConfigurationException : Exception
{
    public StartupConfigurationException()
    {
    }

    public StartupConfigurationException(string message)
        : base(message)
    {
    }

    public StartupConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
