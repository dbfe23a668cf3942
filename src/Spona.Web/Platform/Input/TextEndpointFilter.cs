using System.Collections;
using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.Localization;
using Spona.Web.Platform.Localization;

namespace Spona.Web.Platform.Input;

/// <summary>
/// The <see cref="TextRules"/> check for minimal APIs: every string argument (route, query, header) and every string
/// inside a JSON body, however deep, is checked before the handler runs. A refusal is a 400 ProblemDetails whose
/// <c>errors</c> name the field by its JSON path.
/// </summary>
internal static class TextEndpointFilter
{
    private const int MaxDepth = 8;

    public static EndpointFilterDelegate Create(EndpointFilterFactoryContext factory, EndpointFilterDelegate next)
    {
        // Names and kinds read once per endpoint, not per request (reading attributes is reflection).
        var parameters = factory.MethodInfo.GetParameters().Select((p, i) => (Name: p.Name ?? $"arg{i}", Kind: TextRules.KindOf(p))).ToArray();
        return async context =>
        {
            Dictionary<string, string[]>? errors = null;
            for (var i = 0; i < context.Arguments.Count && i < parameters.Length; i++)
            {
                Visit(context.Arguments[i], parameters[i].Name, parameters[i].Kind, 0, context.HttpContext, ref errors);
            }

            return errors is not null ? TypedResults.ValidationProblem(errors) : await next(context);
        };
    }

    private static void Visit(object? value, string path, TextKind kind, int depth, HttpContext http, ref Dictionary<string, string[]>? errors)
    {
        if (value is null || depth > MaxDepth)
        {
            return;
        }

        if (value is string text)
        {
            var problem = TextRules.Check(text, kind);
            if (problem != TextProblem.None)
            {
                var localizer = http.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
                errors ??= new Dictionary<string, string[]>(StringComparer.Ordinal);
                errors[path] = [localizer[TextRules.MessageKey(problem), path]];
            }

            return;
        }

        var type = value.GetType();
        if (type.IsPrimitive || type.IsEnum || value is decimal or Guid or DateOnly or DateTime or DateTimeOffset or TimeOnly or TimeSpan
            || value is CancellationToken || value is HttpContext || value is System.Security.Claims.ClaimsPrincipal
            || type.Namespace?.StartsWith("Spona.", StringComparison.Ordinal) != true && value is not IEnumerable)
        {
            return;
        }

        if (value is IDictionary dictionary)
        {
            foreach (DictionaryEntry entry in dictionary)
            {
                Visit(entry.Key, path, kind, depth + 1, http, ref errors);
                Visit(entry.Value, $"{path}.{entry.Key}", kind, depth + 1, http, ref errors);
            }

            return;
        }

        if (value is IEnumerable items)
        {
            var index = 0;
            foreach (var item in items)
            {
                Visit(item, $"{path}[{index++}]", kind, depth + 1, http, ref errors);
            }

            return;
        }

        // Only our own input types: services and framework objects passed to a handler are not input.
        if (!type.Name.EndsWith("Input", StringComparison.Ordinal))
        {
            return;
        }

        foreach (var (property, name, propertyKind) in InputProperties.GetOrAdd(type, Describe))
        {
            Visit(property.GetValue(value), $"{path}.{name}", propertyKind, depth + 1, http, ref errors);
        }
    }

    // An input type's readable properties with their JSON names and text kinds, read once per type.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, (PropertyInfo Property, string Name, TextKind Kind)[]> InputProperties = new();

    private static (PropertyInfo Property, string Name, TextKind Kind)[] Describe(Type type) =>
        [.. type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && p.CanRead)
            .Select(p => (p, JsonNamingPolicy.CamelCase.ConvertName(p.Name), TextRules.KindOf(p)))];
}
