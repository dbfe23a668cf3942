using Mono.Cecil;

namespace Spona.Tests.Infrastructure;

/// <summary>
/// Which types each type of an assembly references, read from its metadata and IL with Mono.Cecil (not from the source
/// text): base type, interfaces, generic parameters and constraints, fields, properties, events, method signatures,
/// overrides, custom attributes (and the types in their arguments), local variables, catch clauses and every type,
/// method and field token in method bodies, with the generic arguments and declaring types of each. A nested type
/// (among them the compiler's lambdas, closures, async and iterator state machines) counts as its outermost type.
/// </summary>
public static class TypeDependencies
{
    /// <summary>One reference: the outermost type that makes it, the type referenced, and where it was seen.</summary>
    public sealed record Dependency(TypeDefinition From, TypeReference To, string Where);

    /// <summary>Every reference made by the types of the assembly at <paramref name="path"/>.</summary>
    public static IReadOnlyList<Dependency> Of(string path)
    {
        // Read whole into memory, so that the definitions stay usable (resolved, their interfaces read) after the file is closed.
        using var module = ModuleDefinition.ReadModule(path, new ReaderParameters { ReadingMode = ReadingMode.Immediate, InMemory = true });
        var found = new List<Dependency>();
        foreach (var type in module.Types)
        {
            Collect(type, type, found);
        }

        return found;
    }

    /// <summary>The namespace a referenced type is declared in (a nested type's is its outermost type's).</summary>
    public static string NamespaceOf(TypeReference type)
    {
        while (type.DeclaringType is not null)
        {
            type = type.DeclaringType;
        }

        return type.Namespace;
    }

    /// <summary>The type's outermost declaring type's full name (itself when not nested).</summary>
    public static string OutermostName(TypeReference type)
    {
        while (type.DeclaringType is not null)
        {
            type = type.DeclaringType;
        }

        return type.FullName;
    }

    private static void Collect(TypeDefinition outer, TypeDefinition type, List<Dependency> found)
    {
        void Add(TypeReference? reference, string where)
        {
            foreach (var named in Named(reference))
            {
                found.Add(new Dependency(outer, named, $"{type.FullName}: {where}"));
            }
        }

        void AddAttributes(ICustomAttributeProvider provider, string where)
        {
            foreach (var attribute in provider.CustomAttributes)
            {
                Add(attribute.AttributeType, $"{where} attribute");
                foreach (var argument in attribute.ConstructorArguments.Concat(attribute.Properties.Select(p => p.Argument)).Concat(attribute.Fields.Select(f => f.Argument)))
                {
                    AddArgument(argument, where);
                }
            }
        }

        void AddArgument(CustomAttributeArgument argument, string where)
        {
            Add(argument.Type, $"{where} attribute argument");
            switch (argument.Value)
            {
                case TypeReference typeOf:
                    Add(typeOf, $"{where} attribute typeof");
                    break;
                case CustomAttributeArgument boxed:
                    AddArgument(boxed, where);
                    break;
                case CustomAttributeArgument[] array:
                    foreach (var item in array)
                    {
                        AddArgument(item, where);
                    }

                    break;
            }
        }

        void AddGenericParameters(IGenericParameterProvider provider, string where)
        {
            foreach (var parameter in provider.GenericParameters)
            {
                AddAttributes(parameter, $"{where} generic parameter");
                foreach (var constraint in parameter.Constraints)
                {
                    Add(constraint.ConstraintType, $"{where} generic constraint");
                }
            }
        }

        void AddMethod(MethodReference method, string where)
        {
            Add(method.DeclaringType, where);
            Add(method.ReturnType, $"{where} return");
            foreach (var parameter in method.Parameters)
            {
                Add(parameter.ParameterType, $"{where} parameter");
            }

            if (method is GenericInstanceMethod generic)
            {
                foreach (var argument in generic.GenericArguments)
                {
                    Add(argument, $"{where} generic argument");
                }
            }
        }

        AddAttributes(type, "type");
        AddGenericParameters(type, "type");
        Add(type.BaseType, "base type");
        foreach (var implemented in type.Interfaces)
        {
            Add(implemented.InterfaceType, "interface");
            AddAttributes(implemented, "interface");
        }

        foreach (var field in type.Fields)
        {
            Add(field.FieldType, $"field {field.Name}");
            AddAttributes(field, $"field {field.Name}");
        }

        foreach (var property in type.Properties)
        {
            Add(property.PropertyType, $"property {property.Name}");
            AddAttributes(property, $"property {property.Name}");
        }

        foreach (var @event in type.Events)
        {
            Add(@event.EventType, $"event {@event.Name}");
            AddAttributes(@event, $"event {@event.Name}");
        }

        foreach (var method in type.Methods)
        {
            var where = $"method {method.Name}";
            AddMethod(method, where);
            AddAttributes(method, where);
            AddAttributes(method.MethodReturnType, $"{where} return");
            AddGenericParameters(method, where);
            foreach (var parameter in method.Parameters)
            {
                AddAttributes(parameter, $"{where} parameter");
            }

            foreach (var overridden in method.Overrides)
            {
                AddMethod(overridden, $"{where} override");
            }

            if (!method.HasBody)
            {
                continue;
            }

            foreach (var variable in method.Body.Variables)
            {
                Add(variable.VariableType, $"{where} local");
            }

            foreach (var handler in method.Body.ExceptionHandlers)
            {
                Add(handler.CatchType, $"{where} catch");
            }

            foreach (var instruction in method.Body.Instructions)
            {
                switch (instruction.Operand)
                {
                    case TypeReference token:
                        Add(token, $"{where} body ({instruction.OpCode})");
                        break;
                    case MethodReference called:
                        AddMethod(called, $"{where} body ({instruction.OpCode})");
                        break;
                    case FieldReference field:
                        Add(field.DeclaringType, $"{where} body ({instruction.OpCode})");
                        Add(field.FieldType, $"{where} body ({instruction.OpCode})");
                        break;
                    case CallSite site:
                        Add(site.ReturnType, $"{where} body (calli)");
                        foreach (var parameter in site.Parameters)
                        {
                            Add(parameter.ParameterType, $"{where} body (calli)");
                        }

                        break;
                }
            }
        }

        foreach (var nested in type.NestedTypes)
        {
            Collect(outer, nested, found);
        }
    }

    /// <summary>The named types inside a type reference: its element types, generic arguments, modifiers, declaring types.</summary>
    private static IEnumerable<TypeReference> Named(TypeReference? reference)
    {
        switch (reference)
        {
            case null:
            case GenericParameter:
                yield break;
            case GenericInstanceType generic:
                foreach (var named in Named(generic.ElementType).Concat(generic.GenericArguments.SelectMany(Named)))
                {
                    yield return named;
                }

                yield break;
            case RequiredModifierType required:
                foreach (var named in Named(required.ModifierType).Concat(Named(required.ElementType)))
                {
                    yield return named;
                }

                yield break;
            case OptionalModifierType optional:
                foreach (var named in Named(optional.ModifierType).Concat(Named(optional.ElementType)))
                {
                    yield return named;
                }

                yield break;
            case FunctionPointerType pointer:
                foreach (var named in Named(pointer.ReturnType).Concat(pointer.Parameters.SelectMany(p => Named(p.ParameterType))))
                {
                    yield return named;
                }

                yield break;
            case TypeSpecification specification:
                foreach (var named in Named(specification.ElementType))
                {
                    yield return named;
                }

                yield break;
            default:
                yield return reference;
                for (var declaring = reference.DeclaringType; declaring is not null; declaring = declaring.DeclaringType)
                {
                    yield return declaring;
                }

                yield break;
        }
    }
}
