using P4Bpf.Ebpf.Isa;
using P4Bpf.Ebpf.Maps;
using P4Bpf.Ebpf.Objects;
using P4Bpf.Ebpf.Verifier;
using P4Bpf.Ebpf.Vm;

namespace P4Bpf.Ebpf.Loading;

/// <summary>Turns an <see cref="ObjectSpec"/> into a <see cref="LoadedObject"/>: creates the maps, writes their initial contents,
/// resolves every program's pseudo <c>lddw</c> into map handles and value addresses, and fills program arrays and maps of maps.</summary>
/// <remarks>
/// Resolution (what the kernel does with map fds at load time): <c>lddw src=1</c> (map fd) and <c>src=5</c> (map index) become the
/// map's <see cref="BpfMap.Handle"/>, the address of a native descriptor helpers decode with <see cref="BpfMap.FromHandle"/>;
/// <c>src=2</c>/<c>src=6</c> (map value) become the address of element 0 plus the offset, for array maps (global data).
/// <c>src=4</c> (a callback function) becomes <see cref="CallbackTag"/> | target slot, for helpers that take callbacks.
/// The imm of a map reference is the map's index in <see cref="ObjectSpec.Maps"/>, as <see cref="Objects.RelocationKind"/> documents.
/// Every program is then run through the <see cref="Verifier.Verifier"/> with <see cref="LoaderOptions.Verification"/> (its maps are the
/// object's); a rejected program fails the load with a <see cref="VerificationException"/> carrying the PC and the message. An accepted
/// program is marked verified (<see cref="LoadedProgram.IsVerified"/>), which the JIT and the unchecked interpreter require.
/// </remarks>
public static unsafe class Loader
{
    /// <summary>High bits marking a resolved callback reference (not a valid user-space address).</summary>
    public const ulong CallbackTag = 0xCA11_BAC0_0000_0000;

    /// <summary>Loads <paramref name="spec"/>; throws <see cref="LoadException"/> with a located message on failure (nothing leaks).</summary>
    public static LoadedObject Load(ObjectSpec spec, LoaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        options ??= LoaderOptions.Default;
        var problems = spec.Validate();
        if (problems.Count > 0)
        {
            throw new LoadException("invalid object: " + string.Join("; ", problems));
        }
        var maps = new List<BpfMap>();
        try
        {
            var regions = new List<StaticRegion>();
            foreach (var mapSpec in spec.Maps)
            {
                maps.Add(CreateMap(mapSpec, options));
            }
            for (var i = 0; i < maps.Count; i++)
            {
                if (spec.Maps[i].IsDataSection && maps[i] is ArrayMap array)
                {
                    regions.Add(new StaticRegion((nint)array.ElementAddress(0, 0), array.ValueSize, !array.ReadOnlyForPrograms));
                }
            }
            var loaded = new LoadedObject(spec, options.ObjectName, maps, regions);
            foreach (var programSpec in spec.Programs)
            {
                loaded.AddProgram(LoadProgram(programSpec, loaded, options.Verification));
            }
            FillSlots(spec, loaded);
            return loaded;
        }
        catch
        {
            foreach (var map in maps)
            {
                map.Dispose();
            }
            throw;
        }
    }

    /// <summary>Reads an ELF object and loads it, named after the file (as libbpf names it).</summary>
    public static LoadedObject LoadFile(string path, LoaderOptions? options = null)
    {
        ObjectSpec spec;
        try
        {
            spec = Elf.ElfReader.ReadFile(path);
        }
        catch (Elf.ElfException e)
        {
            throw new LoadException($"{path}: {e.Message}");
        }
        catch (Btf.BtfException e)
        {
            throw new LoadException($"{path}: {e.Message}");
        }
        options ??= LoaderOptions.Default;
        if (options.ObjectName == LoaderOptions.Default.ObjectName)
        {
            options = options with { ObjectName = ObjectNameOf(path) };
        }
        return Load(spec, options);
    }

    /// <summary>libbpf's object name: the file name without directories and extension, cut at the first '.'.</summary>
    public static string ObjectNameOf(string path)
    {
        var name = Path.GetFileName(path);
        var dot = name.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 ? name[..dot] : name;
    }

    private static BpfMap CreateMap(MapSpec spec, LoaderOptions options)
    {
        var result = BpfMap.Create(Definition(spec), options.PossibleCpus);
        if (!result.Succeeded)
        {
            throw new LoadException($"map '{spec.Name}': {result.Error}");
        }
        var map = result.Map!;
        if (spec.IsDataSection && spec.InitialData.Length > 0)
        {
            var rc = map.Update(stackalloc byte[4], spec.InitialData.AsSpan());
            if (rc != 0)
            {
                map.Dispose();
                throw new LoadException($"map '{spec.Name}': writing the initial data failed ({Maps.Errno.Name(rc)})");
            }
        }
        return map;
    }

    private static MapDefinition Definition(MapSpec spec) =>
        new(spec.Type, spec.KeySize, spec.ValueSize, spec.MaxEntries, (MapFlags)spec.Flags, SanitizeName(spec.Name),
            spec.InnerMap is null ? null : Definition(spec.InnerMap));

    /// <summary>Keeps the characters the kernel allows in map names (letters, digits, '_', '.'), as names are only labels here.</summary>
    private static string SanitizeName(string name) =>
        string.Create(name.Length, name, static (span, n) =>
        {
            for (var i = 0; i < n.Length; i++)
            {
                span[i] = char.IsAsciiLetterOrDigit(n[i]) || n[i] is '_' or '.' ? n[i] : '_';
            }
        });

    private static LoadedProgram LoadProgram(ProgramSpec spec, LoadedObject owner, VerifierOptions? verification)
    {
        Instruction[] instructions;
        try
        {
            instructions = InstructionDecoder.Decode(spec.Bytecode.AsSpan());
        }
        catch (IsaException e)
        {
            throw new LoadException($"program '{spec.Name}': {e.Message}", spec.Name, e.Pc);
        }
        var pc = 0;
        for (var i = 0; i < instructions.Length; i++)
        {
            var insn = instructions[i];
            if (insn.Op.Raw == BpfInstructionLayout.OpLddw && insn.Src.Index != 0)
            {
                instructions[i] = insn with { Src = Register.R0, Imm = (long)Resolve(insn, pc, spec.Name, owner) };
            }
            pc += insn.Width;
        }
        var verdict = verification is null ? null : Verify(spec, owner.Spec.Maps, verification);
        try
        {
            return new LoadedProgram(spec, instructions, VmProgram.Create(instructions, spec.Name, verified: verdict is not null), owner, verdict);
        }
        catch (VmException e)
        {
            throw new LoadException($"program '{spec.Name}': {e.Message}", spec.Name, e.Pc);
        }
    }

    /// <summary>Verifies <paramref name="spec"/> (its lddw map references index <paramref name="maps"/>); throws <see cref="VerificationException"/> when rejected.</summary>
    private static VerifierResult Verify(ProgramSpec spec, IReadOnlyList<MapSpec> maps, VerifierOptions options)
    {
        var result = Verifier.Verifier.Instance.Verify(spec, maps, options);
        return result.Accepted ? result : throw new VerificationException(spec.Name, spec.SectionName, options.Profile, result);
    }

    private static ulong Resolve(Instruction insn, int pc, string program, LoadedObject owner)
    {
        var pseudo = (PseudoSource)insn.Src.Index;
        var low = (uint)(ulong)insn.Imm;
        var high = (uint)((ulong)insn.Imm >> 32);
        switch (pseudo)
        {
            case PseudoSource.MapFd or PseudoSource.MapIdx:
                return (ulong)MapAt(low, pc, program, owner).Handle;
            case PseudoSource.MapValue or PseudoSource.MapIdxValue:
            {
                var map = MapAt(low, pc, program, owner);
                if (map is not ArrayMap array || array.IsPerCpu)
                {
                    throw new LoadException($"program '{program}': lddw at PC {pc} takes a value address of map '{map.Name}', which is not an array", program, pc);
                }
                if (high >= (uint)array.ValueSize)
                {
                    throw new LoadException($"program '{program}': lddw at PC {pc} points {high} bytes into map '{map.Name}', past its {array.ValueSize}-byte value", program, pc);
                }
                return (ulong)array.ElementAddress(0, 0) + high;
            }
            case PseudoSource.Func:
                return CallbackTag | (uint)(pc + 1 + (int)low);
            default:
                throw new LoadException($"program '{program}': not supported yet: lddw pseudo source {pseudo} ({insn.Src.Index}) at PC {pc}", program, pc);
        }
    }

    private static BpfMap MapAt(uint index, int pc, string program, LoadedObject owner) =>
        index < (uint)owner.Maps.Count
            ? owner.Maps[(int)index]
            : throw new LoadException($"program '{program}': lddw at PC {pc} refers to map #{index}, but the object has {owner.Maps.Count} maps", program, pc);

    private static void FillSlots(ObjectSpec spec, LoadedObject owner)
    {
        for (var i = 0; i < spec.Maps.Length; i++)
        {
            var mapSpec = spec.Maps[i];
            foreach (var slot in mapSpec.Slots)
            {
                var rc = owner.Maps[i] switch
                {
                    ProgArrayMap array => array.SetProgram(slot.Index, owner.Program(slot.Target)
                        ?? throw new LoadException($"map '{mapSpec.Name}': slot {slot.Index} names unknown program '{slot.Target}'")),
                    MapOfMaps outer => SetInner(outer, slot, owner, mapSpec.Name),
                    _ => throw new LoadException($"map '{mapSpec.Name}': {mapSpec.Type} cannot have initial slots"),
                };
                if (rc != 0)
                {
                    throw new LoadException($"map '{mapSpec.Name}': filling slot {slot.Index} with '{slot.Target}' failed ({Maps.Errno.Name(rc)})");
                }
            }
        }
    }

    private static int SetInner(MapOfMaps outer, MapSlot slot, LoadedObject owner, string name)
    {
        var inner = owner.Map(slot.Target) ?? throw new LoadException($"map '{name}': slot {slot.Index} names unknown map '{slot.Target}'");
        var key = slot.Index;
        return outer.SetMap(new ReadOnlySpan<byte>(&key, 4), inner);
    }
}
