using P4Bpf.Front.Diagnostics;
using P4Bpf.Front.Syntax;
using P4Bpf.Front.Text;
using P4Bpf.Front.Typed;
using S = P4Bpf.Front.Syntax;
using T = P4Bpf.Front.Typed;

namespace P4Bpf.Front.Semantics;

internal sealed partial class Binder
{
    /// <summary>Picks the overload whose parameter count (and names, for named arguments) fits the call; reports when none does.</summary>
    private (Signature Signature, object Symbol)? ChooseOverload(string name, IReadOnlyList<(Signature Signature, object Symbol)> candidates, S.CallExpression call)
    {
        var count = call.Arguments.Count;
        var named = call.Arguments.Where(a => a.Name is not null).Select(a => a.Name!.Text).ToList();
        var fitting = candidates.Where(c => count >= c.Signature.RequiredCount && count <= c.Signature.Parameters.Count
            && named.All(n => c.Signature.Parameters.Any(p => p.Name == n))).ToList();
        if (fitting.Count == 0 && candidates.Count == 1)
        {
            return candidates[0];
        }
        if (fitting.Count == 0)
        {
            BindArgumentsLoosely(call.Arguments);
            Error(ErrorCode.ERR_ArgumentCount, call.Span, name, count);
            return null;
        }
        if (fitting.Count > 1)
        {
            // several overloads take this many arguments: the first whose parameter types accept the arguments wins
            foreach (var candidate in fitting.OrderBy(c => c.Signature.Parameters.Count - count))
            {
                var saved = _diagnostics;
                _diagnostics = new DiagnosticBag();
                try
                {
                    BindArgumentList(name, candidate.Signature, call.Arguments, null, call.Span, []);
                    if (!_diagnostics.HasErrors)
                    {
                        return candidate;
                    }
                }
                finally
                {
                    _diagnostics = saved;
                }
            }
        }
        return fitting.OrderBy(c => c.Signature.Parameters.Count - count).First();
    }

    /// <summary>
    /// Matches arguments to parameters (positional, then named), fills defaults, infers type arguments by unification,
    /// converts each argument to its parameter type and checks that out/inout arguments are lvalues.
    /// </summary>
    private (EquatableArray<P4Type> TypeArguments, EquatableArray<TypedArgument> Arguments, P4Type ReturnType) BindArguments(
        string calleeName, Signature signature, S.CallExpression call, IReadOnlyList<P4Type>? explicitTypeArguments)
    {
        return BindArgumentList(calleeName, signature, call.Arguments, call.TypeArguments.Count > 0 ? call.TypeArguments.Select(ResolveType).ToList() : explicitTypeArguments, call.Span, []);
    }

    private (EquatableArray<P4Type> TypeArguments, EquatableArray<TypedArgument> Arguments, P4Type ReturnType) BindArgumentList(
        string calleeName, Signature signature, EquatableArray<Argument> given, IReadOnlyList<P4Type>? typeArguments, TextSpan span, IReadOnlyList<TypeVariable> extraVariables)
    {
        var constructing = _constructing;
        var inConstruction = _inConstruction;
        _constructing = false;
        _inConstruction = false;
        var parameters = signature.Parameters;
        var slots = new Argument?[parameters.Count];
        var failed = false;
        var sawNamed = false;
        for (var i = 0; i < given.Count; i++)
        {
            var argument = given[i];
            if (argument.Name is null)
            {
                if (sawNamed)
                {
                    Error(ErrorCode.ERR_InvalidContext, argument.Span, "positional arguments cannot follow named arguments");
                    failed = true;
                    continue;
                }
                if (i >= parameters.Count)
                {
                    Error(ErrorCode.ERR_ArgumentCount, span, calleeName, given.Count);
                    failed = true;
                    break;
                }
                slots[i] = argument;
                continue;
            }
            sawNamed = true;
            var index = IndexOfParameter(parameters, argument.Name.Text);
            if (index < 0)
            {
                Error(ErrorCode.ERR_NoSuchParameter, argument.Name.Span, calleeName, argument.Name.Text);
                failed = true;
                continue;
            }
            if (slots[index] is not null)
            {
                Error(ErrorCode.ERR_DuplicateArgument, argument.Name.Span, argument.Name.Text);
                failed = true;
                continue;
            }
            slots[index] = argument;
        }
        var variables = new HashSet<TypeVariable>(signature.TypeParameters);
        variables.UnionWith(extraVariables);
        var map = new Dictionary<TypeVariable, P4Type>();
        if (typeArguments is not null)
        {
            if (typeArguments.Count != signature.TypeParameters.Count)
            {
                Error(ErrorCode.ERR_TypeArgumentCount, span, calleeName, signature.TypeParameters.Count, typeArguments.Count);
                failed = true;
            }
            for (var i = 0; i < signature.TypeParameters.Count && i < typeArguments.Count; i++)
            {
                if (typeArguments[i] is VoidType or TableType)
                {
                    Error(ErrorCode.ERR_InvalidContext, span, $"{typeArguments[i].Display}: illegal type argument for '{calleeName}'");
                    failed = true;
                }
                if (typeArguments[i] is not DontCareType)
                {
                    map[signature.TypeParameters[i]] = typeArguments[i];
                }
            }
        }
        var bound = new TypedExpression?[parameters.Count];
        for (var i = 0; i < parameters.Count; i++)
        {
            var parameter = parameters[i];
            var argument = slots[i];
            if (argument is null)
            {
                if (!parameter.MayBeOmitted && !failed)
                {
                    Error(ErrorCode.ERR_MissingArgument, span, parameter.Name, calleeName);
                    failed = true;
                }
                continue;
            }
            var parameterType = parameter.Type.Substitute(map);
            if (argument.Value is S.DontCareExpression)
            {
                if (parameter.Direction is Direction.In or Direction.InOut || parameterType.HasTypeVariables && parameter.Direction != Direction.Out)
                {
                    Error(ErrorCode.ERR_InvalidContext, argument.Value.Span, $"'_' can only be passed for an out parameter ('{parameter.Name}' of '{calleeName}')");
                    failed = true;
                }
                bound[i] = new T.DontCareExpression(argument.Value.Span, parameterType);
                continue;
            }
            if (!parameterType.HasTypeVariables || !parameterType.Substitute(map).HasTypeVariables && false)
            {
                bound[i] = BindExpression(argument.Value, parameterType);
                if (parameterType is DontCareType && !constructing && !bound[i]!.Type.IsError)
                {
                    // a method of an instance whose type argument was '_' (E<_>() e; e.f(0)): nothing fixes the type
                    Error(ErrorCode.ERR_InvalidContext, argument.Value.Span, $"{TextOf(argument.Value.Span)}: cannot infer a type for parameter '{parameter.Name}' of '{calleeName}' (its type is the don't-care '_')");
                    failed = true;
                }
                continue;
            }
            var value = BindExpression(argument.Value, null);
            if (!Unify(parameterType, value.Type, map, variables))
            {
                Error(ErrorCode.ERR_TypeMismatch, argument.Value.Span, value.Type.Display, parameterType.Display);
                value = new BadExpression(argument.Value.Span);
            }
            bound[i] = value;
        }
        foreach (var variable in signature.TypeParameters)
        {
            if (!map.ContainsKey(variable))
            {
                if (!failed && (constructing || signature.ReturnType.Equals(variable)
                    || parameters.Any(p => p.Type.Equals(variable) && (slots[p.Index] is null && !p.MayBeOmitted || slots[p.Index]?.Value is S.DontCareExpression))))
                {
                    Error(ErrorCode.ERR_CannotInferTypeArgument, span, variable.Name, calleeName);
                }
                map[variable] = signature.ReturnType.Equals(variable) ? ErrorType.Instance : DontCareType.Instance;
            }
        }
        var result = new List<TypedArgument>();
        for (var i = 0; i < parameters.Count; i++)
        {
            var parameter = parameters[i].Substitute(map);
            var value = bound[i];
            if (value is null)
            {
                result.Add(new TypedArgument(span, parameter, parameter.DefaultValue));
                continue;
            }
            if (value is not T.DontCareExpression)
            {
                var declared = parameters[i].Type;
                if (declared.HasTypeVariables && !value.Type.IsError)
                {
                    if (parameter.Type is IntType && parameter.Direction != Direction.None)
                    {
                        value = Bad(ErrorCode.ERR_InvalidContext, value.Span, $"could not infer a width for '{TextOf(value.Span)}'");
                    }
                    else if (parameter.Type is StringType && parameter.Direction != Direction.None)
                    {
                        // Reported at the generic declaration's parameter (once), as p4c does; the call is bad too.
                        if (parameter.Span is not { } declaration || _reportedStringParameters.Add(declaration))
                        {
                            Error(ErrorCode.ERR_InvalidParameter, parameter.Span ?? value.Span, parameter.Name, "a parameter with type string cannot have a direction");
                        }
                        value = new BadExpression(value.Span);
                    }
                    else if (parameter.Type is StructType { Declaration: null })
                    {
                        value = Bad(ErrorCode.ERR_InvalidContext, value.Span, "cannot infer the type of a structure expression here; cast it to a struct type");
                    }
                    else if (parameter.Type is DontCareType)
                    {
                        value = Bad(ErrorCode.ERR_CannotInferTypeArgument, value.Span, parameters[i].Type.Display, calleeName);
                    }
                    else if (parameter.Type is TableType or VoidType)
                    {
                        value = Bad(ErrorCode.ERR_InvalidContext, value.Span, $"an argument cannot have type '{parameter.Type.Display}'");
                    }
                }
                if (value.Type is BlockType { Kind: not BlockKind.Package } blockArgument && !inConstruction && !calleeName.EndsWith(".apply", StringComparison.Ordinal))
                {
                    value = Bad(ErrorCode.ERR_InvalidContext, value.Span, $"{TextOf(value.Span)}: an argument cannot have type '{blockArgument.Display}'");
                }
                value = Convert(value, parameter.Type);
                CheckArgumentDirection(parameter, value);
            }
            result.Add(new TypedArgument(slots[i]!.Span, parameter, value));
        }
        var typeArgs = signature.TypeParameters.Select(v => map.TryGetValue(v, out var t) ? t : DontCareType.Instance).ToEquatableArray();
        return (typeArgs, result.ToEquatableArray(), signature.ReturnType.Substitute(map));
    }

    private void CheckArgumentDirection(ParameterInfo parameter, TypedExpression value)
    {
        if (value.Type.IsError)
        {
            return;
        }
        if (parameter.Direction is Direction.Out or Direction.InOut)
        {
            if (!IsLValue(value, out _))
            {
                Error(ErrorCode.ERR_ArgumentNotLValue, value.Span, parameter.Direction == Direction.Out ? "out" : "inout", parameter.Name);
            }
        }
    }
}
