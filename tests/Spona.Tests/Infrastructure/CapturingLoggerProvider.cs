using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Spona.Tests.Infrastructure;

/// <summary>Keeps every log line the application writes, with its exception, so tests can scan them for canaries.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<string> lines = new();
    private readonly ConcurrentQueue<(LogLevel Level, EventId Event, string Message)> events = new();

    public IReadOnlyCollection<string> Lines => lines;

    /// <summary>The same entries with their level and event id, for tests that look for one event (e.g. an EF warning).</summary>
    public IReadOnlyCollection<(LogLevel Level, EventId Event, string Message)> Events => events;

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, lines, events);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> lines, ConcurrentQueue<(LogLevel, EventId, string)> events) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var message = formatter(state, exception);
            lines.Enqueue($"{logLevel} {category}: {message} {exception}");
            events.Enqueue((logLevel, eventId, message));
        }
    }
}
