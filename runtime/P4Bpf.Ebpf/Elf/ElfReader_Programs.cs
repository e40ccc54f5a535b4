using System.Buffers.Binary;
using P4Bpf.Ebpf.Objects;

namespace P4Bpf.Ebpf.Elf;

public sealed partial class ElfReader
{
    private const string TextSection = ".text";
    private const int Slot = BpfInstructionLayout.Size;

    private readonly Dictionary<int, byte[]> codeCache = [];
    private readonly Dictionary<int, List<Function>> functionCache = [];

    /// <summary>One function symbol in an executable section, in instruction slots.</summary>
    private readonly record struct Function(string Name, int Section, int Start, int Length, bool IsLocal);

    /// <summary>Every FUNC symbol of every executable section but <c>.text</c> is a program; <c>.text</c> holds subprograms.</summary>
    private List<ProgramSpec> ReadPrograms()
    {
        var programs = new List<ProgramSpec>();
        foreach (var section in elf.Sections.Where(s => s.IsExecutable && s.Size > 0))
        {
            var functions = FunctionsIn(section);
            if (section.Name == TextSection)
            {
                continue;
            }
            if (functions.Count == 0)
            {
                throw new ElfException($"section '{section.Name}': code without a function symbol");
            }
            foreach (var function in functions)
            {
                if (function.IsLocal)
                {
                    throw new ElfException($"section '{section.Name}': program '{function.Name}' is static; programs must be global");
                }
                programs.Add(LinkProgram(section, function));
            }
        }
        return programs;
    }

    private List<Function> FunctionsIn(ElfSection section)
    {
        if (functionCache.TryGetValue(section.Index, out var cached))
        {
            return cached;
        }
        if (section.Size % Slot != 0)
        {
            throw new ElfException($"section '{section.Name}': size {section.Size} is not a multiple of {Slot}");
        }
        var functions = new List<Function>();
        foreach (var symbol in SymbolsIn(section.Index, Elf64Layout.SttFunc).OrderBy(s => s.Value))
        {
            if (symbol.Value % Slot != 0 || symbol.Size % Slot != 0 || symbol.Size == 0
                || symbol.Value > section.Size || symbol.Size > section.Size - symbol.Value)
            {
                throw new ElfException($"section '{section.Name}': function '{symbol.Name}' (offset {symbol.Value}, size {symbol.Size}) is misaligned, empty or outside the section");
            }
            var function = new Function(symbol.Name, section.Index, (int)(symbol.Value / Slot), (int)(symbol.Size / Slot), symbol.Bind == Elf64Layout.StbLocal);
            if (functions.Count > 0 && functions[^1].Start + functions[^1].Length > function.Start)
            {
                throw new ElfException($"section '{section.Name}': functions '{functions[^1].Name}' and '{function.Name}' overlap");
            }
            functions.Add(function);
        }
        functionCache[section.Index] = functions;
        return functions;
    }

    /// <summary>The section's instructions as little-endian slots (big-endian objects are converted).</summary>
    private byte[] CodeOf(int sectionIndex)
    {
        if (codeCache.TryGetValue(sectionIndex, out var cached))
        {
            return cached;
        }
        var code = elf.SectionData(elf.Sections[sectionIndex]).ToArray();
        if (elf.BigEndian)
        {
            for (var at = 0; at + Slot <= code.Length; at += Slot)
            {
                var regs = code[at + 1];
                code[at + 1] = (byte)((regs >> 4) | (regs << 4));
                BinaryPrimitives.WriteInt16LittleEndian(code.AsSpan(at + 2), BinaryPrimitives.ReadInt16BigEndian(code.AsSpan(at + 2)));
                BinaryPrimitives.WriteInt32LittleEndian(code.AsSpan(at + 4), BinaryPrimitives.ReadInt32BigEndian(code.AsSpan(at + 4)));
            }
        }
        codeCache[sectionIndex] = code;
        return code;
    }

    /// <summary>
    /// Copies a program's function, then appends every <c>.text</c> function it calls (transitively) the way libbpf
    /// does, fixing call immediates so the program is self-contained, and resolves map relocations.
    /// </summary>
    /// <remarks>
    /// Order is libbpf's depth-first one: a callee is appended at its first call and linked before the caller
    /// continues. An explicit stack keeps deep call chains in malformed objects from overflowing ours.
    /// </remarks>
    private ProgramSpec LinkProgram(ElfSection section, Function main)
    {
        var linked = new List<byte>();
        var relocations = new List<Relocation>();
        var placed = new Dictionary<(int Section, int Start), int>();
        var stack = new Stack<(Function Function, int LinkedStart, int Resume)>();
        stack.Push((main, Place(main).Start, 0));
        while (stack.Count > 0)
        {
            var (function, linkedStart, resume) = stack.Pop();
            var next = LinkFunction(function, linkedStart, resume, out var callee, out var calleeStart);
            if (next >= 0)
            {
                stack.Push((function, linkedStart, next));
                stack.Push((callee, calleeStart, 0));
            }
        }
        relocations.Sort((a, b) => a.Instruction.CompareTo(b.Instruction));
        return new ProgramSpec(main.Name, section.Name, ProgramSections.InferType(section.Name), linked.ToEquatableArray())
        {
            Relocations = relocations.ToEquatableArray(),
        };

        (int Start, bool IsNew) Place(Function function)
        {
            if (placed.TryGetValue((function.Section, function.Start), out var start))
            {
                return (start, false);
            }
            start = linked.Count / Slot;
            placed[(function.Section, function.Start)] = start;
            linked.AddRange(CodeOf(function.Section).AsSpan(function.Start * Slot, function.Length * Slot));
            return (start, true);
        }

        // Links instructions from 'resume' on; returns -1 when done, or where to resume after linking a newly placed callee.
        int LinkFunction(Function function, int linkedStart, int resume, out Function newCallee, out int newCalleeStart)
        {
            newCallee = default;
            newCalleeStart = 0;
            var sectionName = elf.Sections[function.Section].Name;
            var relocationsByOffset = new Dictionary<ulong, ElfRelocation>();
            foreach (var r in RelocationsOf(function.Section))
            {
                if (r.Offset >= (ulong)(function.Start + resume) * Slot && r.Offset < (ulong)(function.Start + function.Length) * Slot
                    && !relocationsByOffset.TryAdd(r.Offset, r))
                {
                    throw new ElfException($"section '{sectionName}': two relocations at offset {r.Offset}");
                }
            }
            for (var i = resume; i < function.Length; i++)
            {
                var sectionOffset = (ulong)(function.Start + i) * Slot;
                var at = (linkedStart + i) * Slot;
                var where = $"section '{sectionName}': function '{function.Name}', instruction {i}";
                var opcode = linked[at];
                var src = linked[at + 1] >> 4;
                var hasRelocation = relocationsByOffset.Remove(sectionOffset, out var relocation);
                if (opcode == BpfInstructionLayout.OpLddw)
                {
                    if (i + 1 >= function.Length)
                    {
                        throw new ElfException($"{where}: lddw is missing its second half");
                    }
                    if (relocationsByOffset.ContainsKey(sectionOffset + Slot))
                    {
                        throw new ElfException($"{where}: relocation on the second half of an lddw");
                    }
                    if (hasRelocation && IsFunctionAddress(relocation))
                    {
                        // A callback's address (bpf_loop): link the function like a callee, as libbpf does, and make the lddw
                        // BPF_PSEUDO_FUNC with imm = the target relative to the next slot.
                        var symbol = elf.Symbols[relocation.SymbolIndex];
                        var lowImm = BinaryPrimitives.ReadInt32LittleEndian(LinkedSpan(at + BpfInstructionLayout.ImmOffset, 4));
                        var byteOffset = (long)symbol.Value + lowImm;
                        if (elf.Sections[symbol.SectionIndex].Name != TextSection || byteOffset < 0 || byteOffset % Slot != 0)
                        {
                            throw new ElfException($"{where}: function address of '{symbol.Name}' is not an instruction in '.text'");
                        }
                        var targetSlot = byteOffset / Slot;
                        var target = FunctionsIn(elf.Sections[symbol.SectionIndex]).FirstOrDefault(f => targetSlot >= f.Start && targetSlot < f.Start + f.Length);
                        if (target.Name is null)
                        {
                            throw new ElfException($"{where}: function address {targetSlot} in '.text' is not inside a function");
                        }
                        var (targetStart, isNew) = Place(target);
                        var newImm = targetStart + (int)(targetSlot - target.Start) - (linkedStart + i) - 1;
                        linked[at + 1] = (byte)((BpfInstructionLayout.PseudoFunc << 4) | (linked[at + 1] & 0xF));
                        BinaryPrimitives.WriteInt32LittleEndian(LinkedSpan(at + BpfInstructionLayout.ImmOffset, 4), newImm);
                        BinaryPrimitives.WriteInt32LittleEndian(LinkedSpan(at + Slot + BpfInstructionLayout.ImmOffset, 4), 0);
                        if (isNew)
                        {
                            newCallee = target;
                            newCalleeStart = targetStart;
                            return i + 2;
                        }
                    }
                    else if (hasRelocation)
                    {
                        relocations.Add(ResolveMapReference(relocation, linkedStart + i, at, where));
                    }
                    else if (src == BpfInstructionLayout.PseudoFunc)
                    {
                        throw new ElfException($"{where}: function pointers (lddw src=4) are not supported yet");
                    }
                    i++;
                }
                else if (opcode == BpfInstructionLayout.OpCall && src == BpfInstructionLayout.PseudoCall)
                {
                    var imm = BinaryPrimitives.ReadInt32LittleEndian(LinkedSpan(at + BpfInstructionLayout.ImmOffset, 4));
                    int targetSection;
                    long targetSlot;
                    if (hasRelocation)
                    {
                        if (relocation.Type != Elf64Layout.RBpf64_32)
                        {
                            throw new ElfException($"{where}: call has relocation type {relocation.Type}, expected R_BPF_64_32");
                        }
                        var symbol = elf.Symbols[relocation.SymbolIndex];
                        if (symbol.SectionIndex == Elf64Layout.ShnUndef)
                        {
                            throw new ElfException($"{where}: call to extern function '{symbol.Name}' is not supported");
                        }
                        targetSection = symbol.SectionIndex;
                        targetSlot = ((long)(symbol.Value / Slot)) + imm + 1;
                    }
                    else
                    {
                        targetSection = function.Section;
                        targetSlot = function.Start + i + (long)imm + 1;
                    }
                    if (targetSection >= elf.Sections.Count || elf.Sections[targetSection].Name != TextSection)
                    {
                        throw new ElfException($"{where}: call target is not in '.text' (subprograms must be in .text)");
                    }
                    var callee = FunctionsIn(elf.Sections[targetSection]).FirstOrDefault(f => targetSlot >= f.Start && targetSlot < f.Start + f.Length);
                    if (callee.Name is null)
                    {
                        throw new ElfException($"{where}: call target {targetSlot} in '.text' is not inside a function");
                    }
                    var (calleeStart, isNew) = Place(callee);
                    var within = (int)(targetSlot - callee.Start);
                    var newImm = calleeStart + within - (linkedStart + i) - 1;
                    BinaryPrimitives.WriteInt32LittleEndian(LinkedSpan(at + BpfInstructionLayout.ImmOffset, 4), newImm);
                    relocations.Add(new Relocation(linkedStart + i, RelocationKind.Call, callee.Name, (uint)within));
                    if (isNew)
                    {
                        newCallee = callee;
                        newCalleeStart = calleeStart;
                        return i + 1;
                    }
                }
                else if (hasRelocation)
                {
                    throw new ElfException($"{where}: relocation against '{elf.Symbols[relocation.SymbolIndex].Name}' on an instruction that is neither lddw nor call (opcode 0x{opcode:x2})");
                }
            }
            if (relocationsByOffset.Count > 0)
            {
                throw new ElfException($"section '{sectionName}': function '{function.Name}' has a relocation at a misaligned offset {relocationsByOffset.Keys.First()}");
            }
            return -1;
        }

        bool IsFunctionAddress(ElfRelocation relocation)
        {
            var symbol = elf.Symbols[relocation.SymbolIndex];
            return relocation.Type == Elf64Layout.RBpf64_64 && symbol.SectionIndex != Elf64Layout.ShnUndef
                && symbol.SectionIndex < elf.Sections.Count && elf.Sections[symbol.SectionIndex].IsExecutable;
        }

        Span<byte> LinkedSpan(int offset, int length) => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(linked).Slice(offset, length);

        Relocation ResolveMapReference(ElfRelocation relocation, int instruction, int at, string where)
        {
            var symbol = elf.Symbols[relocation.SymbolIndex];
            where = $"{where}: lddw of '{symbol.Name}'";
            if (relocation.Type != Elf64Layout.RBpf64_64)
            {
                throw new ElfException($"{where}: relocation type {relocation.Type}, expected R_BPF_64_64");
            }
            if (symbol.SectionIndex == Elf64Layout.ShnUndef)
            {
                throw new ElfException($"{where}: extern symbols (.kconfig, .ksyms) are not supported");
            }
            if (symbol.SectionIndex >= elf.Sections.Count)
            {
                throw new ElfException($"{where}: symbol in special section {symbol.SectionIndex} is not supported");
            }
            var target = elf.Sections[symbol.SectionIndex];
            if (target.IsExecutable)
            {
                throw new ElfException($"{where}: function pointers (lddw of a function) are not supported yet");
            }
            var code = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(linked);
            var imm = BinaryPrimitives.ReadInt32LittleEndian(code[(at + BpfInstructionLayout.ImmOffset)..]);
            var dst = code[at + 1] & 0xF;
            if (MapSpec.IsDataSectionName(target.Name))
            {
                var index = MapAt(target.Index, 0);
                var offset = (long)symbol.Value + imm;
                if (index < 0 || offset < 0 || offset >= maps[index].ValueSize)
                {
                    throw new ElfException($"{where}: offset {offset} is outside data section '{target.Name}'");
                }
                code[at + 1] = (byte)((BpfInstructionLayout.PseudoMapValue << 4) | dst);
                BinaryPrimitives.WriteInt32LittleEndian(code[(at + BpfInstructionLayout.ImmOffset)..], index);
                BinaryPrimitives.WriteInt32LittleEndian(code[(at + Slot + BpfInstructionLayout.ImmOffset)..], (int)offset);
                return new Relocation(instruction, RelocationKind.MapValue, maps[index].Name, (uint)offset);
            }
            if (target.Name is BtfMapsSection or "maps")
            {
                var index = MapAt(target.Index, symbol.Value + (ulong)(long)imm);
                if (index < 0)
                {
                    throw new ElfException($"{where}: no map is defined at offset {symbol.Value + (ulong)(long)imm} of '{target.Name}'");
                }
                code[at + 1] = (byte)((BpfInstructionLayout.PseudoMapFd << 4) | dst);
                BinaryPrimitives.WriteInt32LittleEndian(code[(at + BpfInstructionLayout.ImmOffset)..], index);
                BinaryPrimitives.WriteInt32LittleEndian(code[(at + Slot + BpfInstructionLayout.ImmOffset)..], 0);
                return new Relocation(instruction, RelocationKind.MapFd, maps[index].Name);
            }
            throw new ElfException($"{where}: symbol is in section '{target.Name}', which is neither a map nor a data section");
        }
    }
}
