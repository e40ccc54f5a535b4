using System.Text;
using P4Bpf.Front.Syntax;

namespace P4Bpf.Front.Typed;

/// <summary>
/// A readable dump of a <see cref="TypedProgram"/> (<c>p4bpf check --dump typed</c>): P4-like text with resolved types,
/// folded constants, inferred type arguments, call kinds and the <c>main</c> package's blocks.
/// </summary>
/// <remarks>Integer literals print with their type (<c>8w5</c>, <c>4s-1</c>, plain for <c>int</c>); implicit casts print as <c>(T)e</c> casts marked <c>/*implicit*/</c>.</remarks>
public sealed partial class TypedPrinter
{
    private readonly StringBuilder _out = new();
    private int _indent;

    private TypedPrinter()
    {
    }

    /// <summary>Prints the declarations selected by <paramref name="include"/> (all when null), then the main package.</summary>
    public static string Print(TypedProgram program, Func<TypedDeclaration, bool>? include = null)
    {
        var printer = new TypedPrinter();
        foreach (var declaration in program.Declarations)
        {
            if (include is null || include(declaration))
            {
                printer.Declaration(declaration);
            }
        }
        if (program.Main is { } main)
        {
            printer.Line($"// main: {main.PackageType.Display}");
            foreach (var block in main.Blocks)
            {
                var target = block.Block?.Symbol is { } s ? $"{KindOf(block.Block)} {s.Name}" : Expr(block.Argument);
                printer.Line($"//   {block.Parameter.Name} = {target} : {block.Argument.Type.Display}");
            }
        }
        return printer._out.ToString();
    }

    private static string KindOf(TypedDeclaration? declaration) => declaration switch
    {
        ParserDeclaration => "parser",
        ControlDeclaration => "control",
        InstanceDeclaration => "instance",
        _ => "block",
    };

    private void Line(string text)
    {
        _out.Append(' ', _indent * 4).Append(text).Append('\n');
    }

    private void Open(string text, string? comment = null)
    {
        Line((text.Length == 0 ? "{" : text + " {") + (comment is null ? "" : " // " + comment));
        _indent++;
    }

    private void Close(string suffix = "")
    {
        _indent--;
        Line("}" + suffix);
    }

    private static string Annotations(EquatableArray<Annotation> annotations) =>
        string.Concat(annotations.Select(a => "@" + a.Name.Text + (a.Body.Count > 0 ? "(" + string.Join(" ", a.Body.Select(t => t.Text)) + ")" : "") + " "));

    private static string Parameters(IEnumerable<ParameterInfo> parameters) => string.Join(", ", parameters.Select(p =>
        p.Display + (p.DefaultValue is { } d ? " = " + Expr(d) : "") + (p.IsOptional ? " /*optional*/" : "")));

    private static string TypeParameters(EquatableArray<TypeVariable> parameters) =>
        parameters.IsEmpty ? "" : "<" + string.Join(", ", parameters.Select(p => p.Name)) + ">";

    private void Declaration(TypedDeclaration declaration)
    {
        switch (declaration)
        {
            case TypeDeclaration t:
                TypeDeclarationText(t);
                break;
            case MemberListDeclaration m:
                Line($"{(m.IsMatchKind ? "match_kind" : "error")} {{ {string.Join(", ", m.Members)} }}");
                break;
            case ConstantDeclaration c:
                Line($"{Annotations(c.Constant.Annotations)}const {c.Constant.Type.Display} {c.Constant.Name} = {Expr(c.Value)};");
                break;
            case VariableDeclaration v:
                Line($"{Annotations(v.Variable.Annotations)}{v.Variable.Type.Display} {v.Variable.Name}{(v.Initializer is null ? "" : " = " + Expr(v.Initializer))};");
                break;
            case InstanceDeclaration i:
            {
                var text = $"{Annotations(i.Instance.Annotations)}{i.Instance.Type.Display}({Arguments(i.Arguments)}) {i.Instance.Name}";
                if (i.Initializer.IsEmpty)
                {
                    Line(text + ";");
                }
                else
                {
                    Open(text + " =");
                    foreach (var d in i.Initializer)
                    {
                        Declaration(d);
                    }
                    Close(";");
                }
                break;
            }
            case ActionDeclaration a:
                Open($"{Annotations(a.Action.Annotations)}action {a.Action.Name}({Parameters(a.Action.Signature.Parameters)})");
                Statements(a.Body.Statements);
                Close();
                break;
            case FunctionDeclaration f:
                Open($"{Annotations(f.Function.Annotations)}function {f.Function.Signature.Display(f.Function.Name)}");
                Statements(f.Body.Statements);
                Close();
                break;
            case ExternFunctionDeclaration f:
                Line($"{Annotations(f.Function.Annotations)}extern {f.Function.Signature.Display(f.Function.Name)};");
                break;
            case ParserDeclaration p:
                Open($"{Annotations(p.Parser.Annotations)}parser {p.Parser.Name}({Parameters(p.BlockType.ApplyParameters)}){Constructor(p.BlockType)}");
                foreach (var local in p.Locals)
                {
                    Declaration(local);
                }
                foreach (var state in p.States)
                {
                    Declaration(state);
                }
                Close();
                break;
            case ParserStateDeclaration s:
                Open($"{Annotations(s.State.Annotations)}state {s.State.Name}");
                Statements(s.Statements);
                Line(s.Transition is null ? "transition reject; /*implicit*/" : s.Transition.Target is SelectExpression ? $"transition {Expr(s.Transition.Target)}" : $"transition {Expr(s.Transition.Target)};");
                Close();
                break;
            case ControlDeclaration c:
                Open($"{Annotations(c.Control.Annotations)}control {c.Control.Name}({Parameters(c.BlockType.ApplyParameters)}){Constructor(c.BlockType)}");
                foreach (var local in c.Locals)
                {
                    Declaration(local);
                }
                Open("apply");
                Statements(c.Apply.Statements);
                Close();
                Close();
                break;
            case ValueSetDeclaration v:
                Line($"{Annotations(v.ValueSet.Annotations)}value_set<{v.ValueSet.ElementType.Display}>({v.Size}) {v.ValueSet.Name};");
                break;
            case TableDeclaration t:
                Table(t);
                break;
            default:
                Line($"/* {declaration.GetType().Name} */");
                break;
        }
    }

    private static string Constructor(BlockType type) =>
        type.ConstructorParameters.IsEmpty ? "" : $"({Parameters(type.ConstructorParameters)})";

    private void TypeDeclarationText(TypeDeclaration declaration)
    {
        var symbol = declaration.Type;
        var annotations = Annotations(symbol.Annotations);
        switch (declaration.DeclarationKind)
        {
            case SyntaxKind.TypedefDeclaration:
                Line($"{annotations}typedef {symbol.Type.Display} {symbol.Name};");
                return;
            case SyntaxKind.NewTypeDeclaration:
                Line($"{annotations}type {(symbol.Type is NewType n ? n.UnderlyingType.Display : symbol.Type.Display)} {symbol.Name};");
                return;
        }
        switch (symbol.Type)
        {
            case StructType s:
                Open($"{annotations}{(s.Kind switch { StructKind.Header => "header", StructKind.HeaderUnion => "header_union", _ => "struct" })} {symbol.Name}{TypeParameters(symbol.TypeParameters)}");
                foreach (var field in s.Fields)
                {
                    Line($"{Annotations(field.Annotations)}{field.Type.Display} {field.Name};");
                }
                Close();
                break;
            case EnumType e:
                Line(e.UnderlyingType is null
                    ? $"{annotations}enum {e.Name} {{ {string.Join(", ", e.Members)} }}"
                    : $"{annotations}enum {e.UnderlyingType.Display} {e.Name} {{ {string.Join(", ", e.Members.Zip(e.Values).Select(p => $"{p.First} = {p.Second}"))} }}");
                break;
            case ExternType x:
                Open($"{annotations}extern {x.Name}{TypeParameters(x.TypeParameters)}");
                foreach (var c in symbol.Constructors)
                {
                    Line($"{x.Name}({Parameters(c.Signature.Parameters)});");
                }
                foreach (var m in x.Methods)
                {
                    Line($"{Annotations(m.Annotations)}{(m.IsAbstract ? "abstract " : "")}{m.Signature.Display(m.Name)};");
                }
                Close();
                break;
            case BlockType b:
                Line($"{annotations}{b.Kind.ToString().ToLowerInvariant()} {b.Name}{TypeParameters(b.TypeParameters)}({Parameters(b.Kind == BlockKind.Package ? b.ConstructorParameters : b.ApplyParameters)});");
                break;
            default:
                Line($"{annotations}type {symbol.Name} = {symbol.Type.Display};");
                break;
        }
    }

    private void Table(TableDeclaration t)
    {
        Open($"{Annotations(t.Table.Annotations)}table {t.Table.Name}");
        if (!t.Keys.IsEmpty)
        {
            Open("key =");
            foreach (var key in t.Keys)
            {
                Line($"{Expr(key.Expression)} : {key.MatchKind.Name}; // {key.Expression.Type.Display}");
            }
            Close();
        }
        Open("actions =");
        foreach (var action in t.Actions)
        {
            Line($"{Annotations(action.Annotations)}{ActionRef(action)};");
        }
        Close();
        if (t.DefaultAction is { } d)
        {
            Line($"{(t.IsDefaultActionConst ? "const " : "")}default_action = {ActionRef(d)};");
        }
        if (!t.Entries.IsEmpty)
        {
            Open($"{(t.AreEntriesConst ? "const " : "")}entries =");
            foreach (var entry in t.Entries)
            {
                Line($"{(entry.Priority is null ? "" : "priority=" + Expr(entry.Priority) + ": ")}{Expr(entry.Keyset)} : {ActionRef(entry.Action)};");
            }
            Close();
        }
        foreach (var property in t.Properties)
        {
            Line($"{(property.IsConst ? "const " : "")}{property.Name} = {Expr(property.Value)}; // {property.Value.Type.Display}");
        }
        Close();
    }

    private static string ActionRef(TableActionReference reference) =>
        reference.Arguments.IsEmpty ? reference.Action.Name : $"{reference.Action.Name}({Arguments(reference.Arguments)})";
}
