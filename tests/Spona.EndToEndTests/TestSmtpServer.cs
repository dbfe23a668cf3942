using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Spona.EndToEndTests;

/// <summary>
/// A real SMTP server (the SmtpServer package) on a loopback port of the test process: what the Spona process sends
/// arrives here over TCP and is kept, and the journey reads it as the person's mail program would.
/// </summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly Store store = new();
    private Task? running;

    private TestSmtpServer(int port) => Port = port;

    public int Port { get; }

    /// <summary>Every message received, as the raw bytes and parsed.</summary>
    public IReadOnlyCollection<(byte[] Raw, MimeMessage Message)> Received => store.Messages;

    /// <summary>The next <paramref name="count"/> messages are refused with a temporary error (452), as a full server does.</summary>
    public void RefuseNext(int count) => Interlocked.Exchange(ref store.RefuseCount, count);

    public static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public static TestSmtpServer Start(int? port = null)
    {
        var server = new TestSmtpServer(port ?? FreePort());
        var options = new SmtpServerOptionsBuilder().ServerName("localhost")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, server.Port))).Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(server.store);
        server.running = new SmtpServer.SmtpServer(options, services).StartAsync(server.stop.Token);
        return server;
    }

    /// <summary>Waits until a message for <paramref name="address"/> arrived (the sender works in the background).</summary>
    public async Task<(byte[] Raw, MimeMessage Message)> WaitForAsync(string address, TimeSpan? timeout = null)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var limit = timeout ?? TimeSpan.FromSeconds(30);
        while (watch.Elapsed < limit)
        {
            var found = store.Messages.FirstOrDefault(m => m.Message.To.Mailboxes.Any(b => string.Equals(b.Address, address, StringComparison.OrdinalIgnoreCase)));
            if (found.Message is not null)
            {
                return found;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"No message for {address} arrived; {store.Messages.Count} others did.");
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        if (running is not null)
        {
            try
            {
                await running;
            }
            catch (OperationCanceledException)
            {
            }
        }

        stop.Dispose();
    }

    private sealed class Store : MessageStore
    {
        public int RefuseCount;

        public ConcurrentQueue<(byte[] Raw, MimeMessage Message)> Messages { get; } = new();

        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            if (Interlocked.Decrement(ref RefuseCount) >= 0)
            {
                return new SmtpResponse(SmtpReplyCode.InsufficientStorage, "try again later");
            }

            var raw = buffer.ToArray();
            using var stream = new MemoryStream(raw);
            Messages.Enqueue((raw, await MimeMessage.LoadAsync(stream, cancellationToken)));
            return SmtpResponse.Ok;
        }
    }
}
