namespace Spona.Web.Platform.Localization;

/// <summary>The type the views ask the localizer for; every string lives in Resources/strings.json.</summary>
public sealed class SharedResource;
