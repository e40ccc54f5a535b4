using P4Bpf.Front.Typed;

namespace P4Bpf.Front.Semantics;

/// <summary>A lexical scope: names declared in it (types and values share the namespace; functions and methods overload by arity).</summary>
internal sealed class Scope(Scope? parent)
{
    private readonly Dictionary<string, List<Symbol>> _symbols = new(StringComparer.Ordinal);

    public Scope? Parent { get; } = parent;

    /// <summary>Adds a symbol; returns the symbol it clashes with (same name, not an overload), or null.</summary>
    public Symbol? Declare(Symbol symbol)
    {
        if (!_symbols.TryGetValue(symbol.Name, out var list))
        {
            _symbols[symbol.Name] = [symbol];
            return null;
        }
        if (symbol is FunctionSymbol && list.All(s => s is FunctionSymbol))
        {
            list.Add(symbol);
            return null;
        }
        return list[0];
    }

    /// <summary>Replaces whatever is declared under the symbol's name (used to recover after a duplicate).</summary>
    public void Replace(Symbol symbol) => _symbols[symbol.Name] = [symbol];

    public IReadOnlyList<Symbol>? LookupLocal(string name) => _symbols.TryGetValue(name, out var list) ? list : null;

    /// <summary>The symbols named <paramref name="name"/> in the nearest scope that declares it.</summary>
    public IReadOnlyList<Symbol>? Lookup(string name)
    {
        for (var scope = this; scope is not null; scope = scope.Parent)
        {
            if (scope._symbols.TryGetValue(name, out var list))
            {
                return list;
            }
        }
        return null;
    }

    public IEnumerable<Symbol> All => _symbols.Values.SelectMany(l => l);
}
