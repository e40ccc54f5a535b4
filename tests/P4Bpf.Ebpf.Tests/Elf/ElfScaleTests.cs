using System.Buffers.Binary;
using System.Diagnostics;
using P4Bpf.Ebpf.Elf;
using P4Bpf.Ebpf.Maps;
using P4Bpf.Ebpf.Objects;
using P4Bpf.Ebpf.Programs;

namespace P4Bpf.Ebpf.Tests.Elf;

/// <summary>Compiler-sized objects (tens of thousands of instructions, thousands of references) write and read quickly.</summary>
public sealed class ElfScaleTests
{
    [Fact]
    public void Large_object_round_trips_quickly()
    {
        const int maps = 200;
        const int functions = 40;
        const int blocksPerFunction = 100;
        var code = new List<byte>();
        var relocations = new List<Relocation>();
        void Emit(byte opcode, int dst = 0, int src = 0, int imm = 0)
        {
            var slot = new byte[8];
            slot[0] = opcode;
            slot[1] = (byte)((src << 4) | dst);
            BinaryPrimitives.WriteInt32LittleEndian(slot.AsSpan(4), imm);
            code.AddRange(slot);
        }
        int Count() => code.Count / 8;
        // main: call every function once, then exit; functions: map references and ALU, then exit.
        var callSites = new List<int>();
        for (var f = 0; f < functions; f++)
        {
            callSites.Add(Count());
            Emit(BpfInstructionLayout.OpCall, src: BpfInstructionLayout.PseudoCall);
        }
        Emit(0xb7, 0, imm: 2);
        Emit(0x95);
        for (var f = 0; f < functions; f++)
        {
            var start = Count();
            var site = callSites[f];
            BinaryPrimitives.WriteInt32LittleEndian(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(code)[((site * 8) + 4)..], start - site - 1);
            relocations.Add(new Relocation(site, RelocationKind.Call, $"f{f}"));
            for (var b = 0; b < blocksPerFunction; b++)
            {
                var map = ((f * blocksPerFunction) + b) % maps;
                relocations.Add(new Relocation(Count(), RelocationKind.MapFd, $"m{map}"));
                Emit(BpfInstructionLayout.OpLddw, 1, BpfInstructionLayout.PseudoMapFd, map);
                Emit(0);
                Emit(0x07, 0, imm: b);
                Emit(0xbf, 2, 1);
            }
            Emit(0x95);
        }
        relocations.Sort((a, b) => a.Instruction.CompareTo(b.Instruction));
        var spec = new ObjectSpec("GPL",
            EquatableArray.Create(new ProgramSpec("big", "xdp", ProgramType.Xdp, code.ToEquatableArray()) { Relocations = relocations.ToEquatableArray() }),
            Enumerable.Range(0, maps).Select(i => new MapSpec($"m{i}", MapType.Hash, 4, 8, 16)).ToEquatableArray());
        spec.Programs[0].InstructionCount.Should().BeGreaterThan(16_000);
        var clock = Stopwatch.StartNew();
        var bytes = ElfWriter.Write(spec);
        var read = ElfReader.Read(bytes);
        clock.Stop();
        read.Should().Be(spec);
        clock.ElapsedMilliseconds.Should().BeLessThan(3000);
    }
}
