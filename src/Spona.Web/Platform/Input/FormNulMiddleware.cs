namespace Spona.Web.Platform.Input;

/// <summary>
/// ASP.NET Core's form reader throws on an encoded NUL (<c>%00</c>) before any of Spona's code sees the form, so the
/// antiforgery check fails and the person is told that the form has expired, which is untrue, and loses what they typed.
/// This middleware hands the reader U+FFFF (a noncharacter) in place of each encoded NUL in a small URL-encoded form
/// body. The text rule (<see cref="TextRules"/>) refuses U+FFFF exactly as it refuses NUL, so the form comes back with
/// "contains control or invalid characters" beside the field, and nothing is stored. Nothing else in the body changes.
/// </summary>
internal sealed class FormNulMiddleware(RequestDelegate next)
{
    /// <summary>Forms of Spona are a few kilobytes; bigger bodies are left to the reader and its limits.</summary>
    private const int MaxRewrittenLength = 1 << 20;

    private static readonly byte[] Nul = "%00"u8.ToArray();
    private static readonly byte[] Noncharacter = "%EF%BF%BF"u8.ToArray();

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!HttpMethods.IsGet(request.Method) && request.ContentLength is > 0 and <= MaxRewrittenLength
            && request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true)
        {
            var body = new byte[(int)request.ContentLength.Value];
            var read = 0;
            while (read < body.Length)
            {
                var n = await request.Body.ReadAsync(body.AsMemory(read), context.RequestAborted);
                if (n == 0)
                {
                    break;
                }

                read += n;
            }

            var bytes = body.AsSpan(0, read);
            var rewritten = bytes.IndexOf(Nul) < 0 ? bytes.ToArray() : Replace(bytes);
            request.Body = new MemoryStream(rewritten, writable: false);
            request.ContentLength = rewritten.Length;
        }

        await next(context);
    }

    private static byte[] Replace(ReadOnlySpan<byte> bytes)
    {
        var output = new List<byte>(bytes.Length + 32);
        while (bytes.Length > 0)
        {
            var at = bytes.IndexOf(Nul);
            if (at < 0)
            {
                output.AddRange(bytes);
                break;
            }

            output.AddRange(bytes[..at]);
            output.AddRange(Noncharacter);
            bytes = bytes[(at + Nul.Length)..];
        }

        return [.. output];
    }
}
