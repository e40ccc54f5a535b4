using System.Text.RegularExpressions;
using P4Bpf.Ebpf.Btf;
using P4Bpf.Ebpf.Elf;
using P4Bpf.Ebpf.Maps;
using P4Bpf.Ebpf.Objects;
using P4Bpf.Ebpf.Programs;
using P4Bpf.Ebpf.Tests.Objects;
using P4Bpf.Tests.Shared;

namespace P4Bpf.Ebpf.Tests.Elf;

/// <summary>Reads clang-compiled objects from <c>testdata/elf/*.c</c> and checks them against goldens and llvm-objdump.</summary>
public sealed partial class ElfReaderClangTests
{
    public static TheoryData<string> Names() => ClangObjects.Names();

    /// <summary>The spec of each object matches <c>NAME.spec.txt</c> (set P4BPF_UPDATE_GOLDENS=1 to rewrite after reviewing a change).</summary>
    [Theory]
    [MemberData(nameof(Names))]
    public void Spec_matches_golden(string name)
    {
        Assert.SkipUnless(Tooling.HasClang, Tooling.NoClangReason);
        var spec = ElfReader.ReadFile(ClangObjects.ObjectPath(name));
        var text = SpecText.Format(spec);
        var golden = Path.Combine(ClangObjects.SourceDir, name + ".spec.txt");
        if (!File.Exists(golden) || Environment.GetEnvironmentVariable("P4BPF_UPDATE_GOLDENS") == "1")
        {
            File.WriteAllText(golden, text);
            Assert.Fail($"golden {golden} written; review it and rerun");
        }
        text.Should().Be(File.ReadAllText(golden));
        spec.Validate().Should().BeEmpty();
    }

    /// <summary>Each program is its function plus the .text functions it calls, instruction for instruction as llvm-objdump counts them.</summary>
    [Theory]
    [MemberData(nameof(Names))]
    public void Program_sizes_match_llvm_objdump(string name)
    {
        Assert.SkipUnless(Tooling.HasClang, Tooling.NoClangReason);
        var path = ClangObjects.ObjectPath(name);
        var functions = ObjdumpFunctions(path);
        var spec = ElfReader.ReadFile(path);
        spec.Programs.Should().NotBeEmpty();
        foreach (var program in spec.Programs)
        {
            var parts = new[] { program.Name }
                .Concat(program.Relocations.Where(r => r.Kind == RelocationKind.Call).Select(r => r.Target).Distinct())
                .ToList();
            parts.Should().OnlyContain(p => functions.ContainsKey(p), $"objdump lists every function of {program.Name}");
            program.InstructionCount.Should().Be(parts.Sum(p => functions[p].Slots), $"{program.Name} = {string.Join(" + ", parts)} in slots");
            CountInstructions(program.Bytecode.AsSpan()).Should().Be(parts.Sum(p => functions[p].Instructions), $"{program.Name} instruction count");
        }
    }

    [Fact]
    public void Maps_object_has_the_exact_map_specs()
    {
        Assert.SkipUnless(Tooling.HasClang, Tooling.NoClangReason);
        var spec = ElfReader.ReadFile(ClangObjects.ObjectPath("maps"));
        var u32 = new BtfTypedef("__u32", BtfInt.Unsigned("unsigned int", 4));
        var u64 = new BtfTypedef("__u64", BtfInt.Unsigned("unsigned long long", 8));
        var inner = new MapSpec("inner", MapType.Array, 4, 4, 2) { Key = u32, Value = u32 };
        // Ordered like the definitions in .maps (clang lays them out in this order), then the data sections.
        var expected = new[]
        {
            inner with { Name = "inner_a" },
            inner with { Name = "inner_b" },
            new MapSpec("tables", MapType.ArrayOfMaps, 4, 4, 4)
            {
                Key = u32,
                InnerMap = inner with { Name = "tables.inner" },
                Slots = EquatableArray.Create(new MapSlot(0, "inner_a"), new MapSlot(2, "inner_b")),
            },
            new MapSpec("flows", MapType.Hash, 4, 16, 1024)
            {
                Key = u32,
                Value = new BtfStruct("counters", 16, EquatableArray.Create(new BtfMember("packets", u64, 0), new BtfMember("bytes", u64, 64))),
            },
            new MapSpec("stats", MapType.Array, 4, 8, 8) { Key = u32, Value = u64 },
            new MapSpec("routes", MapType.LpmTrie, 8, 4, 256)
            {
                Flags = MapSpec.FlagNoPrealloc,
                Key = new BtfStruct("lpm_v4_key", 8, EquatableArray.Create(new BtfMember("prefixlen", u32, 0), new BtfMember("addr", u32, 32))),
                Value = u32,
            },
            new MapSpec("percpu_flows", MapType.PercpuHash, 8, 4, 64) { Key = u64, Value = u32 },
            new MapSpec("percpu_scratch", MapType.PercpuArray, 4, 16, 4),
            new MapSpec("tables_by_id", MapType.HashOfMaps, 4, 4, 8) { Key = u32, InnerMap = inner with { Name = "tables_by_id.inner" } },
            MapSpec.ForDataSection(".rodata", [100, 0, 0, 0]),
            MapSpec.ForDataSection(".data", [7, 0, 0, 0, 0, 0, 0, 0]),
            MapSpec.ForDataSection(".bss", [0, 0, 0, 0]),
        };
        spec.Maps.Should().Equal(expected);
        spec.License.Should().Be("GPL");
        spec.Programs.Should().ContainSingle().Which.Type.Should().Be(ProgramType.Xdp);
    }

    [Fact]
    public void Programs_object_links_subprograms_into_each_program()
    {
        Assert.SkipUnless(Tooling.HasClang, Tooling.NoClangReason);
        var spec = ElfReader.ReadFile(ClangObjects.ObjectPath("programs"));
        spec.Programs.Select(p => (p.Name, p.SectionName, p.Type)).Should().Equal(
            ("tc_tail", "tc", ProgramType.SchedCls),
            ("xdp_first", "xdp", ProgramType.Xdp),
            ("xdp_second", "xdp", ProgramType.Xdp),
            ("tc_entry", "classifier", ProgramType.SchedCls),
            ("socket_len", "socket", ProgramType.SocketFilter));
        var first = spec.Program("xdp_first")!;
        // libbpf order: depth first, so classify's callee count_hit comes before mix, which main calls second.
        var calleeStarts = first.Relocations.Where(r => r.Kind == RelocationKind.Call)
            .Select(r => (r.Target, Start: r.Instruction + BitConverterFree.Imm(first.Bytecode.AsSpan(), r.Instruction) + 1 - (int)r.Offset))
            .DistinctBy(c => c.Target).OrderBy(c => c.Start).Select(c => c.Target);
        calleeStarts.Should().Equal("classify", "count_hit", "mix");
        // Static globals are reached through the section symbol plus an offset in the instruction.
        spec.Program("socket_len")!.Relocations.Should().Contain(new Relocation(6, RelocationKind.MapValue, ".data", 8));
        spec.Map("jumps")!.Slots.Should().Equal(new MapSlot(1, "tc_tail"));
        // Every bpf-to-bpf call now lands on the first instruction of its callee inside the program.
        foreach (var program in spec.Programs)
        {
            foreach (var call in program.Relocations.Where(r => r.Kind == RelocationKind.Call))
            {
                var imm = BitConverterFree.Imm(program.Bytecode.AsSpan(), call.Instruction);
                var target = call.Instruction + imm + 1;
                target.Should().BeInRange(1, program.InstructionCount - 1);
            }
        }
    }

    private static int CountInstructions(ReadOnlySpan<byte> code)
    {
        var count = 0;
        for (var at = 0; at < code.Length; at += 8)
        {
            count++;
            if (code[at] == BpfInstructionLayout.OpLddw)
            {
                at += 8;
            }
        }
        return count;
    }

    /// <summary>Per FUNC symbol: instruction slots and instruction lines in <c>llvm-objdump -d</c>.</summary>
    private static Dictionary<string, (int Slots, int Instructions)> ObjdumpFunctions(string path)
    {
        var (exitT, symbols, errT) = Tooling.Run("llvm-objdump", $"-t \"{path}\"");
        exitT.Should().Be(0, errT);
        var funcNames = SymbolLine().Matches(symbols).Select(m => m.Groups[1].Value).ToHashSet();
        var (exit, disassembly, err) = Tooling.Run("llvm-objdump", $"-d \"{path}\"");
        exit.Should().Be(0, err);
        var result = new Dictionary<string, (int Slots, int Instructions)>();
        string? current = null;
        foreach (var line in disassembly.Split('\n'))
        {
            if (HeaderLine().Match(line) is { Success: true } header)
            {
                var label = header.Groups[1].Value;
                if (funcNames.Contains(label))
                {
                    current = label;
                    result[current] = (0, 0);
                }
                continue;
            }
            if (current != null && InstructionLine().Match(line) is { Success: true } insn)
            {
                var bytes = insn.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
                var (slots, instructions) = result[current];
                result[current] = (slots + (bytes / 8), instructions + 1);
            }
            else if (line.StartsWith("Disassembly of section", StringComparison.Ordinal))
            {
                current = null;
            }
        }
        return result;
    }

    [GeneratedRegex(@"\sF\s+\S+\s+[0-9a-f]+\s+(\S+)\s*$", RegexOptions.Multiline)]
    private static partial Regex SymbolLine();

    [GeneratedRegex(@"^[0-9a-f]+ <([^>]+)>:$")]
    private static partial Regex HeaderLine();

    [GeneratedRegex(@"^\s*\d+:\t([0-9a-f]{2}(?: [0-9a-f]{2})*)")]
    private static partial Regex InstructionLine();
}

/// <summary>Reads instruction fields in tests with BinaryPrimitives (house style: no BitConverter).</summary>
internal static class BitConverterFree
{
    public static int Imm(ReadOnlySpan<byte> code, int instruction) =>
        System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(code[((instruction * 8) + 4)..]);
}
