namespace Spona.Web.Features.Strategy;

public sealed class StrategyFileException : Exception
{
    public StrategyFileException()
    {
    }

    public StrategyFileException(string message)
        : base(message)
    {
    }

    public StrategyFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
