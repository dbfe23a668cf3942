using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Spona.Tests.Infrastructure;
using Spona.Web.Platform.Mail;
using Spona.Web.Platform.Persistence;

namespace Spona.Tests.Platform.Mail;

internal static class MailTables
{
    /// <summary>Every value of every row of the outbox as stored (ciphertext stays ciphertext), one line per row.</summary>
    public static async Task<string> RawOutboxAsync(AppFixture app)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        try
        {
            await using DbCommand command = connection.CreateCommand();
            command.CommandText = "SELECT * FROM \"MailOutbox\"";
            await using var reader = await command.ExecuteReaderAsync();
            var text = new StringBuilder();
            while (await reader.ReadAsync())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    text.Append(Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)).Append('|');
                }

                text.AppendLine();
            }

            return text.ToString();
        }
        finally
        {
            await connection.CloseAsync();
        }
    }

    public static async Task<List<OutboxMail>> RowsAsync(AppFixture app)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<OutboxMail>().AsNoTracking().ToListAsync();
    }

    /// <summary>Waits until an outbox row satisfies <paramref name="done"/> (the sender works in the background).</summary>
    public static async Task<OutboxMail> WaitForRowAsync(AppFixture app, Func<OutboxMail, bool> done, TimeSpan? timeout = null)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var limit = timeout ?? TimeSpan.FromSeconds(30);
        while (true)
        {
            var row = (await RowsAsync(app)).FirstOrDefault(done);
            if (row is not null)
            {
                return row;
            }

            if (watch.Elapsed > limit)
            {
                throw new TimeoutException("No outbox row reached the expected state.");
            }

            await Task.Delay(200);
        }
    }
}
