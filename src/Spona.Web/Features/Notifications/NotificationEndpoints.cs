using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Spona.Web.Platform.Api;
using Spona.Web.Platform.Authorization;

namespace Spona.Web.Features.Notifications;

/// <summary>One's own notifications (permission Notifications.Read). Nobody reads or marks another person's.</summary>
internal static class NotificationEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var notifications = app.MapApiGroup("notifications", "Notifications");
        notifications.MapGet("", async (bool? unread, int? page, int? pageSize, ClaimsPrincipal user, NotificationList list, CancellationToken ct) =>
                Results.Ok(await list.ListAsync(NotificationsModule.RecipientOf(user), unread == true, page, pageSize, ct)))
            .RequireAuthorization(Permissions.NotificationsRead)
            .WithSummary("Your notifications, newest first, paged (page, pageSize); unread=true for the unread ones only. Each names what happened, a pseudonymous reference and a link; unread counts all unread.")
            .Produces<NotificationListView>();
        notifications.MapPost("/{id:guid}/read", async (Guid id, ClaimsPrincipal user, MarkNotificationsRead mark, CancellationToken ct) =>
                await mark.OneAsync(NotificationsModule.RecipientOf(user), id, ct)
                    ? Results.NoContent()
                    : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found.", detail: "You have no such notification."))
            .RequireAuthorization(Permissions.NotificationsRead).WithSummary("Mark one of your notifications read.")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);
        notifications.MapPost("/read-all", async (ClaimsPrincipal user, MarkNotificationsRead mark, CancellationToken ct) =>
                Results.Ok(new MarkedView(await mark.AllAsync(NotificationsModule.RecipientOf(user), ct))))
            .RequireAuthorization(Permissions.NotificationsRead).WithSummary("Mark all your notifications read; returns how many were unread.")
            .Produces<MarkedView>();
        notifications.MapGet("/preferences", async (ClaimsPrincipal user, NoticeEmailPreference preference, CancellationToken ct) =>
                await preference.GetAsync(NotificationsModule.RecipientOf(user), ct) is { } view ? Results.Ok(view) : NoAccount())
            .RequireAuthorization(Permissions.NotificationsRead)
            .WithSummary("Whether your new notices are also e-mailed (emails), and whether this server sends notice e-mail at all (serverSendsEmail).")
            .Produces<NoticeEmailPreferenceView>().ProducesProblem(StatusCodes.Status404NotFound);
        notifications.MapPut("/preferences", async ([FromBody] PreferenceInput? input, ClaimsPrincipal user, NoticeEmailPreference preference, CancellationToken ct) =>
            {
                if (input?.Emails is not { } emails)
                {
                    return Results.ValidationProblem(new Dictionary<string, string[]> { ["emails"] = ["State true or false: whether new notices are also e-mailed to you."] });
                }

                return await preference.SetAsync(NotificationsModule.RecipientOf(user), emails, ct) is { } view ? Results.Ok(view) : NoAccount();
            })
            .RequireAuthorization(Permissions.NotificationsRead)
            .WithSummary("Turn e-mails of your new notices on or off ({\"emails\": true|false}); the mail never carries personal data, only a count, a code and a link.")
            .Produces<NoticeEmailPreferenceView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static IResult NoAccount() =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found.", detail: "Your account no longer exists.");

    public sealed record PreferenceInput(bool? Emails);

    public sealed record MarkedView(int Marked);
}
