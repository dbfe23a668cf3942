using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Spona.Web.Platform.Configuration;

namespace Spona.Web.Platform.Protection;

public static class ProtectionSetup
{
    /// <summary>
    /// Loads this host's key ring (refusing to start on unsafe permissions or bad material) and registers the field
    /// protector and the data-protection key encryptor. Call before the DbContext is resolved.
    /// </summary>
    public static IServiceCollection AddSponaProtection(this IServiceCollection services, IConfiguration configuration, SponaSettings settings, TimeProvider clock)
    {
        var keys = KeyRing.Load(configuration, settings.DataDirectory, clock);
        var protector = new FieldProtector(keys);
        services.AddSingleton(keys);
        services.AddSingleton(protector);
        services.AddScoped<KeyRotation>();
        services.Configure<KeyManagementOptions>(options => options.XmlEncryptor = new DataProtectionKeyEncryptor(protector));
        return services;
    }
}
