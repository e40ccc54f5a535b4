using P4Bpf.Ebpf.Assembly;
using P4Bpf.Ebpf.Isa;
using P4Bpf.Ebpf.Maps;
using P4Bpf.Ebpf.Objects;
using P4Bpf.Ebpf.Programs;

namespace P4Bpf.Ebpf.Tests.Engine;

/// <summary>Small objects for engine tests: one or more programs from kernel-syntax assembly, with optional maps.</summary>
internal static class EngineSpecs
{
    public static ProgramSpec Program(string name, string asm, ProgramType type = ProgramType.Xdp) =>
        new(name, type == ProgramType.Xdp ? "xdp" : "tc", type, EquatableArray.Create(InstructionEncoder.Encode(Assembler.Assemble(asm))));

    public static ObjectSpec Object(string asm, ProgramType type = ProgramType.Xdp, params MapSpec[] maps) =>
        Object([Program("prog", asm, type)], maps);

    public static ObjectSpec Object(ProgramSpec[] programs, params MapSpec[] maps) =>
        new("GPL", EquatableArray.Create(programs), EquatableArray.Create(maps));

    public static MapSpec Array(string name, uint valueSize = 8, uint entries = 4) => new(name, MapType.Array, 4, valueSize, entries);
}
