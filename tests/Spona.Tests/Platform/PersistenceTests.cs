using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Spona.Tests.Infrastructure;
using Spona.Web.Features.ReferenceData;
using Spona.Web.Features.Strategy;
using Spona.Web.Platform.Authorization;
using Spona.Web.Platform.Persistence;

namespace Spona.Tests.Platform;

public sealed class PersistenceTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Migrations_CoverTheModelAndAreAllApplied()
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();

        Assert.False(db.Database.HasPendingModelChanges(), "The model changed without a migration: run tools/add-migration.sh NAME.");
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync());
        Assert.Equal(app.Database.IsPostgres ? "Npgsql.EntityFrameworkCore.PostgreSQL" : "Microsoft.EntityFrameworkCore.Sqlite", db.Database.ProviderName);
    }

    [Fact]
    public async Task Database_AcknowledgesWritesOnlyWhenDurable()
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.Database.OpenConnectionAsync();
        try
        {
            if (app.Database.IsPostgres)
            {
                // The server's own default; the throw-away test cluster turns fsync off, not synchronous_commit.
                Assert.Equal("on", await db.Database.SqlQueryRaw<string>("SHOW synchronous_commit").ToAsyncEnumerable().FirstAsync());
                return;
            }

            Assert.Equal("wal", await db.Database.SqlQueryRaw<string>("PRAGMA journal_mode").ToAsyncEnumerable().FirstAsync());
            Assert.Equal(2L, await db.Database.SqlQueryRaw<long>("PRAGMA synchronous").ToAsyncEnumerable().FirstAsync());
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    [Fact]
    public async Task DatabaseInitialization_IsIdempotent()
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var before = (await db.Jurisdictions.CountAsync(), await db.Institutions.CountAsync(), await db.CodeItems.CountAsync(), await db.StrategyMeasures.CountAsync(), await db.Roles.CountAsync());

        await DatabaseInitializer.PrepareAsync(scope.ServiceProvider, CancellationToken.None);

        var after = (await db.Jurisdictions.CountAsync(), await db.Institutions.CountAsync(), await db.CodeItems.CountAsync(), await db.StrategyMeasures.CountAsync(), await db.Roles.CountAsync());
        Assert.Equal(before, after);
        Assert.Equal(Roles.All.Count, after.Item5);
    }
}
