using System.Buffers.Binary;
using P4Bpf.Ebpf.Btf;
using P4Bpf.Ebpf.Loading;
using P4Bpf.Ebpf.Maps;
using P4Bpf.Ebpf.Objects;
using P4Bpf.Ebpf.Programs;

namespace P4Bpf.Ebpf.Kernel;

/// <summary>Loads an <see cref="ObjectSpec"/> into the Linux kernel through <c>bpf()</c>, as libbpf does: creates (or reuses pinned) maps,
/// writes global data and freezes <c>.rodata</c>, patches each program's map references with the maps' descriptors, loads the programs
/// (the kernel verifies them), then fills program arrays and maps of maps.</summary>
/// <remarks>
/// Relocation: <c>lddw src=1</c>/<c>src=5</c> (map by index) become <c>src=1</c> with imm = the map's descriptor; <c>src=2</c>/<c>src=6</c>
/// (address of a map value) become <c>src=2</c> with imm = the descriptor, the offset staying in the second slot; <c>src=4</c> (callback
/// function) is left to the kernel. Everything created so far is released when a step fails.
/// </remarks>
public static class KernelLoader
{
    /// <summary><c>BPF_F_XDP_HAS_FRAGS</c>: the program handles multi-buffer packets (section <c>xdp.frags</c>).</summary>
    private const uint ProgFlagXdpHasFrags = 1 << 5;

    /// <summary>Loads <paramref name="spec"/>; throws <see cref="LoadException"/> for an inconsistent spec and
    /// <see cref="KernelBpfException"/> (with the verifier log for a rejected program) when the kernel refuses.</summary>
    public static KernelObject Load(ObjectSpec spec, KernelLoaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        options ??= KernelLoaderOptions.Default;
        var problems = spec.Validate();
        if (problems.Count > 0)
        {
            throw new LoadException("invalid object: " + string.Join("; ", problems));
        }
        foreach (var program in spec.Programs)
        {
            if (program.Type == ProgramType.Unspec)
            {
                throw new LoadException($"program '{program.Name}': section '{program.SectionName}' gives no program type", program.Name);
            }
        }
        var loaded = new KernelObject(spec, options);
        try
        {
            var btf = options.UseBtf ? LoadMapBtf(spec, loaded) : null;
            if (options.PinDirectory is { } dir && !Directory.Exists(dir) && spec.Maps.Any(m => ShouldPin(m, options)))
            {
                Directory.CreateDirectory(dir);
                loaded.CreatedPinDirectory = true;
            }
            foreach (var mapSpec in spec.Maps)
            {
                loaded.AddMap(CreateMap(mapSpec, options, btf, loaded));
            }
            foreach (var programSpec in spec.Programs)
            {
                loaded.AddProgram(LoadProgram(spec, programSpec, options, loaded));
            }
            FillSlots(spec, loaded);
            return loaded;
        }
        catch
        {
            loaded.Dispose();
            throw;
        }
    }

    /// <summary>Asks the kernel's verifier about every program of <paramref name="spec"/>: creates the maps (nothing pinned), loads each
    /// program with a verifier log, records the verdict, and unloads everything again. The oracle for our own verifier.</summary>
    /// <exception cref="LoadException">The spec is inconsistent or a map reference cannot be resolved.</exception>
    /// <exception cref="KernelBpfException">A map could not be created (program rejections are verdicts, not exceptions).</exception>
    public static IReadOnlyList<KernelVerdict> Verify(ObjectSpec spec, uint logLevel = 1, string objectName = "obj")
    {
        ArgumentNullException.ThrowIfNull(spec);
        var options = new KernelLoaderOptions(objectName) { LogLevel = Math.Max(1, logLevel) };
        var problems = spec.Validate();
        if (problems.Count > 0)
        {
            throw new LoadException("invalid object: " + string.Join("; ", problems));
        }
        using var loaded = new KernelObject(spec, options);
        var btf = LoadMapBtf(spec, loaded);
        foreach (var mapSpec in spec.Maps)
        {
            loaded.AddMap(CreateMap(mapSpec, options, btf, loaded));
        }
        var verdicts = new List<KernelVerdict>();
        foreach (var program in spec.Programs)
        {
            try
            {
                using var fd = LoadProgram(spec, program, options, loaded);
                verdicts.Add(new KernelVerdict(program.Name, true, 0, fd.VerifierLog, fd.Info.VerifiedInstructions));
            }
            catch (KernelBpfException e) when (e.Command == BpfCommand.ProgLoad)
            {
                verdicts.Add(new KernelVerdict(program.Name, false, e.Errno, e.VerifierLog ?? "", 0));
            }
        }
        return verdicts;
    }

    /// <summary>Reads an ELF object and loads it, named after the file as libbpf names objects (unless the options name it).</summary>
    public static KernelObject LoadFile(string path, KernelLoaderOptions? options = null)
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
        catch (BtfException e)
        {
            throw new LoadException($"{path}: {e.Message}");
        }
        options ??= KernelLoaderOptions.Default;
        if (options.ObjectName == KernelLoaderOptions.Default.ObjectName)
        {
            options = options with { ObjectName = Loader.ObjectNameOf(path) };
        }
        return Load(spec, options);
    }

    /// <summary>The kernel-side expected attach type and program flags libbpf derives from a section name.</summary>
    internal static (BpfAttachType AttachType, uint Flags) SectionAttach(ProgramSpec program) =>
        program.SectionName == "xdp.frags" || program.SectionName.StartsWith("xdp.frags/", StringComparison.Ordinal)
            ? (BpfAttachType.Xdp, ProgFlagXdpHasFrags)
            : program.Type == ProgramType.Xdp ? (BpfAttachType.Xdp, 0u) : (BpfAttachType.None, 0u);

    // ---- BTF --------------------------------------------------------------------------------------------------------

    private sealed record MapBtf(BpfFd Fd, Dictionary<BtfType, uint> Ids);

    /// <summary>One BTF blob with every map key/value type; null (with a note) when there are none or the kernel refuses it.</summary>
    private static MapBtf? LoadMapBtf(ObjectSpec spec, KernelObject loaded)
    {
        var builder = new BtfBuilder();
        var ids = new Dictionary<BtfType, uint>();
        foreach (var map in spec.Maps)
        {
            foreach (var type in new[] { map.Key, map.Value })
            {
                if (type is not null && !ids.ContainsKey(type))
                {
                    ids[type] = builder.Add(type);
                }
            }
        }
        if (ids.Count == 0)
        {
            return null;
        }
        try
        {
            var fd = BpfSyscall.BtfLoad(builder.Build());
            loaded.Btf = fd;
            return new MapBtf(fd, ids);
        }
        catch (KernelBpfException e)
        {
            loaded.AddNote($"the kernel refused the maps' BTF ({e.ErrnoName}); maps are created without key/value types");
            return null;
        }
        catch (BtfException e)
        {
            loaded.AddNote($"the maps' BTF could not be built ({e.Message}); maps are created without key/value types");
            return null;
        }
    }

    // ---- maps -------------------------------------------------------------------------------------------------------

    private static bool ShouldPin(MapSpec map, KernelLoaderOptions options) =>
        options.PinDirectory is not null && (options.PinAllMaps || map.Pinning == MapPinning.ByName);

    private static KernelMap CreateMap(MapSpec spec, KernelLoaderOptions options, MapBtf? btf, KernelObject loaded)
    {
        var kernelName = spec.KernelName(options.ObjectName);
        var pinPath = ShouldPin(spec, options) ? Path.Combine(options.PinDirectory!, kernelName) : null;
        if (pinPath is not null && File.Exists(pinPath))
        {
            return ReusePin(spec, pinPath);
        }
        var fd = CreateKernelMap(spec, kernelName, btf, loaded);
        KernelMap map;
        try
        {
            map = new KernelMap(spec, fd, BpfSyscall.GetMapInfo(fd), BpfSyscall.PossibleCpus, reusedPin: false);
        }
        catch
        {
            fd.Dispose();
            throw;
        }
        try
        {
            if (spec.IsDataSection && spec.InitialData.Length > 0)
            {
                var rc = map.Update(stackalloc byte[4], spec.InitialData.AsSpan());
                if (rc != 0)
                {
                    throw new KernelBpfException(BpfCommand.MapUpdateElem, -rc, $"writing the initial data of map '{spec.Name}'");
                }
            }
            if (spec.IsDataSection && (spec.Flags & MapSpec.FlagReadOnlyProg) != 0)
            {
                // libbpf freezes read-only data so the verifier may treat its contents as constants.
                map.Freeze();
            }
            if (pinPath is not null)
            {
                map.Pin(pinPath);
            }
            return map;
        }
        catch
        {
            map.Dispose();
            throw;
        }
    }

    private static BpfFd CreateKernelMap(MapSpec spec, string kernelName, MapBtf? btf, KernelObject loaded)
    {
        BpfFd? inner = null;
        try
        {
            if (spec.InnerMap is { } innerSpec)
            {
                inner = BpfSyscall.MapCreate(Attributes(innerSpec, innerSpec.KernelName(loaded.Name)));
            }
            var attributes = Attributes(spec, kernelName) with { InnerMap = inner };
            var keyId = spec.Key is { } k && btf is not null ? btf.Ids[k] : 0;
            var valueId = spec.Value is { } v && btf is not null ? btf.Ids[v] : 0;
            // The kernel checks the value type whenever BTF is given (only the key may be left out), so a map without one goes without BTF.
            if (btf is not null && valueId != 0 && TakesBtf(spec.Type))
            {
                try
                {
                    return BpfSyscall.MapCreate(attributes with { Btf = btf.Fd, BtfKeyTypeId = keyId, BtfValueTypeId = valueId });
                }
                catch (KernelBpfException e) when (e.Errno != Libc.EPERM)
                {
                    loaded.AddNote($"map '{spec.Name}': created without BTF key/value types (the kernel refused them with {e.ErrnoName})");
                }
            }
            return BpfSyscall.MapCreate(attributes);
        }
        finally
        {
            inner?.Dispose();
        }
    }

    /// <summary>False for the map types the kernel refuses key/value BTF for (libbpf creates them without it too).</summary>
    private static bool TakesBtf(MapType type) => type is not (MapType.PerfEventArray or MapType.CgroupArray or MapType.StackTrace
        or MapType.ArrayOfMaps or MapType.HashOfMaps or MapType.Devmap or MapType.DevmapHash or MapType.Cpumap or MapType.Xskmap
        or MapType.Sockmap or MapType.Sockhash or MapType.Queue or MapType.Stack);

    private static MapCreateAttributes Attributes(MapSpec spec, string kernelName) =>
        new(spec.Type, spec.KeySize, spec.ValueSize, spec.MaxEntries) { Flags = spec.Flags, Name = kernelName, MapExtra = spec.MapExtra };

    private static KernelMap ReusePin(MapSpec spec, string pinPath)
    {
        var fd = BpfSyscall.ObjGet(pinPath);
        try
        {
            var info = BpfSyscall.GetMapInfo(fd);
            if (info.Type != spec.Type || info.KeySize != spec.KeySize || info.ValueSize != spec.ValueSize
                || info.MaxEntries != spec.MaxEntries || info.Flags != spec.Flags)
            {
                throw new LoadException($"map '{spec.Name}': the map pinned at {pinPath} ({info.Type}, key {info.KeySize}, value {info.ValueSize}, " +
                    $"max_entries {info.MaxEntries}, flags 0x{info.Flags:x}) does not match the object's definition ({spec.Type}, key {spec.KeySize}, " +
                    $"value {spec.ValueSize}, max_entries {spec.MaxEntries}, flags 0x{spec.Flags:x})");
            }
            return new KernelMap(spec, fd, info, BpfSyscall.PossibleCpus, reusedPin: true);
        }
        catch
        {
            fd.Dispose();
            throw;
        }
    }

    // ---- programs ---------------------------------------------------------------------------------------------------

    private static KernelProgram LoadProgram(ObjectSpec spec, ProgramSpec program, KernelLoaderOptions options, KernelObject loaded)
    {
        var code = PatchMapReferences(program, loaded);
        var (attachType, flags) = SectionAttach(program);
        var fd = BpfSyscall.ProgLoad(new ProgLoadAttributes(program.Type, code, spec.License)
        {
            Name = program.Name,
            ExpectedAttachType = attachType,
            Flags = flags,
            KernelVersion = spec.KernelVersion,
            LogLevel = options.LogLevel,
            LogSize = options.LogSize,
        }, out var log);
        try
        {
            return new KernelProgram(program, fd, BpfSyscall.GetProgramInfo(fd), log);
        }
        catch
        {
            fd.Dispose();
            throw;
        }
    }

    /// <summary>A copy of the bytecode whose map references carry the maps' descriptors (what the kernel expects in a program load).</summary>
    internal static byte[] PatchMapReferences(ProgramSpec program, KernelObject loaded)
    {
        var code = program.Bytecode.AsSpan().ToArray();
        for (var pc = 0; pc < program.InstructionCount; pc++)
        {
            var at = pc * BpfInstructionLayout.Size;
            if (code[at] != BpfInstructionLayout.OpLddw)
            {
                continue;
            }
            if (pc + 1 >= program.InstructionCount)
            {
                throw new LoadException($"program '{program.Name}': lddw at PC {pc} has no second slot", program.Name, pc);
            }
            var regs = code[at + BpfInstructionLayout.RegistersOffset];
            var src = regs >> 4;
            var imm = BinaryPrimitives.ReadUInt32LittleEndian(code.AsSpan(at + BpfInstructionLayout.ImmOffset));
            int newSrc;
            switch (src)
            {
                case 0 or BpfInstructionLayout.PseudoFunc:
                    pc++;
                    continue;
                case BpfInstructionLayout.PseudoMapFd or 5:
                    newSrc = BpfInstructionLayout.PseudoMapFd;
                    break;
                case BpfInstructionLayout.PseudoMapValue or 6:
                    newSrc = BpfInstructionLayout.PseudoMapValue;
                    break;
                default:
                    throw new LoadException($"program '{program.Name}': not supported yet: lddw pseudo source {src} at PC {pc}", program.Name, pc);
            }
            if (imm >= (uint)loaded.Maps.Count)
            {
                throw new LoadException($"program '{program.Name}': lddw at PC {pc} refers to map #{imm}, but the object has {loaded.Maps.Count} maps", program.Name, pc);
            }
            var fd = loaded.Maps[(int)imm].Fd.Value;
            code[at + BpfInstructionLayout.RegistersOffset] = (byte)((regs & 0x0f) | (newSrc << 4));
            BinaryPrimitives.WriteInt32LittleEndian(code.AsSpan(at + BpfInstructionLayout.ImmOffset), fd);
            pc++;
        }
        return code;
    }

    // ---- slots ------------------------------------------------------------------------------------------------------

    private static void FillSlots(ObjectSpec spec, KernelObject loaded)
    {
        Span<byte> key = stackalloc byte[4];
        Span<byte> value = stackalloc byte[4];
        for (var i = 0; i < spec.Maps.Length; i++)
        {
            var mapSpec = spec.Maps[i];
            var map = loaded.Maps[i];
            if (map.ReusedPin)
            {
                continue;
            }
            foreach (var slot in mapSpec.Slots)
            {
                BpfFd target = mapSpec.Type == MapType.ProgArray
                    ? (loaded.Program(slot.Target) ?? throw new LoadException($"map '{mapSpec.Name}': slot {slot.Index} names unknown program '{slot.Target}'")).Fd
                    : (loaded.Map(slot.Target) ?? throw new LoadException($"map '{mapSpec.Name}': slot {slot.Index} names unknown map '{slot.Target}'")).Fd;
                BinaryPrimitives.WriteUInt32LittleEndian(key, slot.Index);
                BinaryPrimitives.WriteInt32LittleEndian(value, target.Value);
                var rc = BpfSyscall.MapUpdateElem(map.Fd, key, value);
                if (rc != 0)
                {
                    throw new KernelBpfException(BpfCommand.MapUpdateElem, -rc, $"map '{mapSpec.Name}': filling slot {slot.Index} with '{slot.Target}'");
                }
            }
        }
    }
}
