namespace Spona.Web.Platform.Identity;

public sealed record NewAdministrator(string Email, string Password, string DisplayName, string? InstitutionCode = null);
