using P4Bpf.Ebpf.Assembly;
using P4Bpf.Ebpf.Isa;
using P4Bpf.Ebpf.Objects;
using P4Bpf.Ebpf.Programs;
using P4Bpf.EbpfGen.CodeGen;
using P4Bpf.EbpfGen.Layout;
using P4Bpf.Midend.Ir;
using P4Bpf.Midend.Passes;

namespace P4Bpf.EbpfGen;

/// <summary>An error of the eBPF back end (P4E5xxx).</summary>
public sealed record EbpfGenError(int Code, string Message)
{
    public string Id => "P4E" + Code;

    public override string ToString() => $"error {Id}: {Message}";
}

/// <summary>One compiled stage: its instructions (for disassembly) and the program spec.</summary>
public sealed record StageCode(string Name, IReadOnlyList<Instruction> Instructions, ProgramSpec Program)
{
    /// <summary>Kernel-syntax disassembly with labels, as in the golden files.</summary>
    public string Disassembly => Disassembler.Disassemble(Instructions, new DisassemblyOptions(Labels: true));
}

/// <summary>The result of code generation: the object (null on error), the layout manifest, the per-stage code and the errors.</summary>
public sealed record EbpfGenResult(ObjectSpec? Object, LayoutManifest? Layout, IReadOnlyList<StageCode> Stages, IReadOnlyList<EbpfGenError> Errors)
{
    public bool Success => Errors.Count == 0 && Object is not null;
}

/// <summary>Turns a lowered IR program into an eBPF object (one program per stage, maps with BTF, license GPL) and its layout manifest.</summary>
public static class EbpfCodeGenerator
{
    public const string License = "GPL";

    public static EbpfGenResult Generate(IrProgram program, EbpfGenOptions? options = null)
    {
        options ??= EbpfGenOptions.Default;
        var validation = new PassContext(MidendOptions.Default);
        new IrValidation().Run(program, validation);
        if (validation.HasErrors)
        {
            return new EbpfGenResult(null, null, [], validation.Errors.Select(e => new EbpfGenError(e.Code, e.Message)).ToList());
        }
        try
        {
            var plan = LayoutPlanner.Plan(program, options);
            var maps = MapIndex.Build(plan);
            var stages = new List<StageCode>();
            foreach (var stage in program.Stages)
            {
                var (code, mapRefs) = new StageCompiler(plan, stage, maps).Compile();
                var bytecode = InstructionEncoder.Encode(code);
                var relocations = mapRefs.Select(r => new Relocation(r.Slot, RelocationKind.MapFd, r.Map)).OrderBy(r => r.Instruction).ToEquatableArray();
                var type = stage.Hook == StageHook.Tc ? ProgramType.SchedCls : ProgramType.Xdp;
                var spec = new ProgramSpec(stage.Name, stage.Section, type, bytecode) { Relocations = relocations };
                stages.Add(new StageCode(stage.Name, code, spec));
            }
            var obj = new ObjectSpec(License, stages.Select(s => s.Program).ToEquatableArray(), maps.Maps.ToEquatableArray());
            var problems = obj.Validate();
            if (problems.Count > 0)
            {
                return new EbpfGenResult(null, plan.Manifest, stages, problems.Select(p => new EbpfGenError(5100, "internal: invalid object: " + p)).ToList());
            }
            return new EbpfGenResult(obj, plan.Manifest, stages, []);
        }
        catch (CodegenException ex)
        {
            return new EbpfGenResult(null, null, [], [new EbpfGenError(ex.Code, ex.Message)]);
        }
        catch (KeyNotFoundException ex)
        {
            return new EbpfGenResult(null, null, [], [new EbpfGenError(5016, ex.Message)]);
        }
        catch (IsaException ex)
        {
            return new EbpfGenResult(null, null, [], [new EbpfGenError(5017, "internal: " + ex.Message)]);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or InvalidCastException or IndexOutOfRangeException or OverflowException)
        {
            return new EbpfGenResult(null, null, [], [new EbpfGenError(5099, $"internal: {ex.GetType().Name}: {ex.Message}")]);
        }
    }
}
