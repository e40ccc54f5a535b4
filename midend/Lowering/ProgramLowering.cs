using P4Bpf.Front.Diagnostics;
using P4Bpf.Front.Text;
using P4Bpf.Front.Typed;
using P4Bpf.Midend.Architectures;
using P4Bpf.Midend.Ir;
using IrBool = P4Bpf.Midend.Ir.BoolType;
using IrStruct = P4Bpf.Midend.Ir.StructType;

namespace P4Bpf.Midend.Lowering;

/// <summary>
/// The lowering of one typed program into an <see cref="IrProgram"/>: every package block becomes an IR parser or
/// control whose parameters are state slots; nested instances, actions and functions are instantiated and inlined.
/// </summary>
/// <remarks>Split by concept: types, expressions, statements, calls, parsers, controls/actions, tables, externs.</remarks>
internal sealed partial class ProgramLowering
{
    private readonly TypedProgram typed;
    private readonly PreprocessedSource source;
    private readonly ArchitectureModel arch;
    private readonly string programName;
    private readonly LoweringScope root = new(null, "");
    private readonly List<(string Name, IrType Type, SlotRole Role)> slots = [];
    private readonly HashSet<string> usedNames = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SlotRef> sharedSlots = new(StringComparer.Ordinal);
    private readonly List<IrParser> parsers = [];
    private readonly List<IrControl> controls = [];
    private readonly List<IrAction> actions = [];
    private readonly List<IrTable> tables = [];
    private readonly List<IrExtern> externs = [];
    private readonly List<string> errors;

    public ProgramLowering(TypedProgram typed, PreprocessedSource source, ArchitectureModel arch, string programName)
    {
        this.typed = typed;
        this.source = source;
        this.arch = arch;
        this.programName = programName;
        errors = [.. IrProgram.CoreErrors];
        foreach (var error in typed.Errors)
        {
            if (!errors.Contains(error))
            {
                errors.Add(error);
            }
        }
        foreach (var slot in arch.Slots)
        {
            usedNames.Add(slot.Name);
        }
    }

    public IrProgram Run()
    {
        var main = typed.Main ?? throw new LoweringException(typed.Span, "a program without a 'main' package instance");
        var bound = new Dictionary<string, (TypedDeclaration Declaration, IReadOnlyList<TypedArgument> Arguments, TextSpan Span)>(StringComparer.Ordinal);
        foreach (var block in main.Blocks)
        {
            CollectPackageBlock(block.Parameter.Name, block.Argument, bound, 0);
        }
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var parameter in arch.PackageBlocks)
        {
            if (!bound.TryGetValue(parameter, out var block))
            {
                throw new LoweringException(main.Instance.Span, $"{arch.Name} package without a block for parameter '{parameter}'");
            }
            names[parameter] = LowerPackageBlock(parameter, block.Declaration, block.Arguments, block.Span);
        }
        var state = arch.BuildState(slots);
        var stages = arch.CreateStages(names);
        return new IrProgram(programName, arch.Name, state, parsers.ToIrList(), controls.ToIrList(), actions.ToIrList(), tables.ToIrList(),
            externs.ToIrList(), stages, errors.ToIrList());
    }

    /// <summary>Finds the parser/control bound to a package parameter, looking through nested packages (PSA's IngressPipeline).</summary>
    private void CollectPackageBlock(string parameter, TypedExpression argument, Dictionary<string, (TypedDeclaration, IReadOnlyList<TypedArgument>, TextSpan)> bound, int depth)
    {
        TypedDeclaration? declaration;
        IReadOnlyList<TypedArgument> arguments;
        switch (argument)
        {
            case ConstructorCallExpression call:
                declaration = call.Declaration.Declaration;
                arguments = call.Arguments;
                break;
            case NameReference { Symbol: InstanceSymbol instance } when instance.Declaration is InstanceDeclaration decl:
                declaration = decl.TypeDeclaration.Declaration;
                arguments = decl.Arguments;
                break;
            default:
                return;
        }
        switch (declaration)
        {
            case ParserDeclaration or ControlDeclaration:
                bound[parameter] = (declaration, arguments, argument.Span);
                break;
            case TypeDeclaration { Type.Type: BlockType { Kind: BlockKind.Package } } when depth < 4:
                foreach (var a in arguments)
                {
                    if (a.Value is not null)
                    {
                        CollectPackageBlock(a.Parameter.Name, a.Value, bound, depth + 1);
                    }
                }
                break;
        }
    }

    /// <summary>Lowers a top-level block; its apply parameters become architecture or program slots. Returns its IR name.</summary>
    private string LowerPackageBlock(string parameter, TypedDeclaration declaration, IReadOnlyList<TypedArgument> arguments, TextSpan span)
    {
        var (typeName, applyParameters, ctorParameters) = declaration switch
        {
            ParserDeclaration p => (p.Parser.Name, p.ApplyParameters, p.ConstructorParameters),
            ControlDeclaration c => (c.Control.Name, c.ApplyParameters, c.ConstructorParameters),
            _ => throw new LoweringException(span, $"package argument '{parameter}' is not a parser or control"),
        };
        var name = UniqueName(typeName);
        var scope = new LoweringScope(root, name);
        BindConstructorArguments(scope, ctorParameters, arguments, span);
        var ordinal = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var p in applyParameters)
        {
            if (IsPacketType(p.Type))
            {
                continue;
            }
            scope.Bind(p, BlockParameterSlot(p, ordinal));
        }
        if (declaration is ParserDeclaration parser)
        {
            parsers.Add(LowerParser(name, parser, scope));
        }
        else
        {
            var control = (ControlDeclaration)declaration;
            controls.Add(new IrControl(name, LowerControlBody(control, scope)));
        }
        return name;
    }

    /// <summary>The slot a top-level block parameter lives in: an architecture slot (by metadata type), or a program slot shared by every block parameter of the same type.</summary>
    private IrExpr BlockParameterSlot(ParameterSymbol p, Dictionary<string, int> ordinal)
    {
        var archSlot = ArchitectureSlot(p.Type);
        if (archSlot is not null)
        {
            return archSlot;
        }
        if (arch is EbpfModel && p.Type is Front.Typed.BoolType && p.Direction == Front.Syntax.Direction.Out)
        {
            return new SlotRef(EbpfModel.AcceptSlot, IrBool.Instance);
        }
        var typeKey = p.Type.Display;
        var index = ordinal.TryGetValue(typeKey, out var n) ? n : 0;
        ordinal[typeKey] = index + 1;
        var key = typeKey + "#" + index;
        if (!sharedSlots.TryGetValue(key, out var slot))
        {
            var type = LowerType(p.Type, p.Span);
            var role = type is HeaderType or HeaderStackType or HeaderUnionType || (type is IrStruct s && s.Fields.Any(f => f.Type is HeaderType or HeaderStackType or HeaderUnionType))
                ? SlotRole.Header : SlotRole.Metadata;
            slot = NewSlot(p.Name, type, role);
            sharedSlots[key] = slot;
        }
        return slot;
    }

    /// <summary>The architecture slot whose struct type has the P4 type's name (standard_metadata_t, xdp_input, psa_*_metadata_t), or null.</summary>
    private SlotRef? ArchitectureSlot(P4Type type)
    {
        if (type is not Front.Typed.StructType { Kind: StructKind.Struct } s)
        {
            return null;
        }
        foreach (var (name, irType, _) in arch.Slots)
        {
            if (irType is IrStruct st && st.Name == s.Name)
            {
                return new SlotRef(name, irType);
            }
        }
        return null;
    }

    private static bool IsPacketType(P4Type type) => type is ExternType { Name: "packet_in" or "packet_out" };

    /// <summary>Adds a state slot with a name unique in the program.</summary>
    private SlotRef NewSlot(string name, IrType type, SlotRole role)
    {
        var unique = UniqueName(name);
        slots.Add((unique, type, role));
        return new SlotRef(unique, type);
    }

    private int tempCounter;

    /// <summary>A fresh compiler temporary slot.</summary>
    private SlotRef Temp(IrType type, string hint = "tmp") => NewSlot("$" + hint + (++tempCounter).ToString(System.Globalization.CultureInfo.InvariantCulture), type, SlotRole.Local);

    private string UniqueName(string name)
    {
        var candidate = name;
        for (var i = 2; !usedNames.Add(candidate); i++)
        {
            candidate = name + "$" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return candidate;
    }

    /// <summary>The parser or control instance a constructor argument denotes: an instance declared in the outer scope
    /// (<c>C(c1) c</c>) or one constructed in place (<c>C(D()) c</c>), named after the parameter.</summary>
    private BlockInstance? BlockArgument(TypedExpression argument, string name, LoweringScope outer)
    {
        if (BlockInstanceOf(argument, outer) is { } instance)
        {
            return instance;
        }
        if (argument is ConstructorCallExpression { Declaration.Declaration: ControlDeclaration or ParserDeclaration } call)
        {
            var declaration = call.Declaration.Declaration!;
            var unique = UniqueName(name);
            var inner = new LoweringScope(root, unique);
            if (declaration is ControlDeclaration control)
            {
                BindConstructorArguments(inner, control.ConstructorParameters, call.Arguments, call.Span, outer);
            }
            return new BlockInstance(unique, declaration, inner);
        }
        return null;
    }

    /// <summary>Binds constructor parameters in <paramref name="scope"/>: constants as values, parsers and controls as the
    /// <see cref="BlockInstance"/> the argument denotes in <paramref name="outer"/> (the declaring scope; default the root).</summary>
    private void BindConstructorArguments(LoweringScope scope, IReadOnlyList<ParameterSymbol> parameters, IReadOnlyList<TypedArgument> arguments, TextSpan span,
        LoweringScope? outer = null)
    {
        outer ??= root;
        foreach (var p in parameters)
        {
            var argument = arguments.FirstOrDefault(a => a.Parameter.Name == p.Name)?.Value;
            if (argument is null)
            {
                continue;
            }
            if (p.Type is BlockType && BlockArgument(argument, scope.Qualify(p.Name), outer) is { } block)
            {
                scope.BindInstance(p, block);
                continue;
            }
            if (p.Type is BlockType or ExternType)
            {
                scope.BindInstance(p, argument);
                continue;
            }
            var value = Expr(argument, [], scope);
            if (value is not IrConstant)
            {
                throw new LoweringException(argument.Span, "a constructor argument that is not a compile-time constant");
            }
            scope.Bind(p, value);
        }
    }
}
