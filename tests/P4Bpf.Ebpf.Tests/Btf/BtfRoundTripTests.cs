using P4Bpf.Ebpf.Btf;
using P4Bpf.Ebpf.Elf;
using P4Bpf.Ebpf.Objects;
using P4Bpf.Tests.Shared;

namespace P4Bpf.Ebpf.Tests.Btf;

public sealed class BtfRoundTripTests
{
    private static readonly BtfInt U32 = BtfInt.Unsigned("unsigned int", 4);
    private static readonly BtfInt I32 = BtfInt.Signed("int", 4);

    /// <summary>One type of every kind, nested the way real BTF nests them.</summary>
    public static TheoryData<string> Kinds() =>
        ["int", "float", "pointer", "array", "struct", "bitfields", "union", "enum", "enum64", "forward", "typedef", "qualifiers", "type_tag", "decl_tag", "func", "var", "datasec"];

    private static BtfType Make(string kind) => kind switch
    {
        "int" => new BtfInt("char", 1, BtfIntEncoding.Signed | BtfIntEncoding.Char, 8),
        "float" => new BtfFloat("double", 8),
        "pointer" => new BtfPointer(new BtfPointer(U32)),
        "array" => new BtfArray(new BtfArray(U32, I32, 3), I32, 7),
        "struct" => new BtfStruct("key", 12, EquatableArray.Create(new BtfMember("a", U32, 0), new BtfMember("b", new BtfArray(U32, I32, 2), 32))),
        "bitfields" => new BtfStruct("flags", 4, EquatableArray.Create(new BtfMember("x", U32, 0, 3), new BtfMember("y", U32, 3, 29))),
        "union" => new BtfUnion("u", 8, EquatableArray.Create(new BtfMember("w", BtfInt.Unsigned("long", 8), 0), new BtfMember("h", U32, 0))),
        "enum" => new BtfEnum("color", 4, true, EquatableArray.Create(new BtfEnumValue("RED", -1), new BtfEnumValue("GREEN", 7))),
        "enum64" => new BtfEnum("big", 8, false, EquatableArray.Create(new BtfEnumValue("HUGE", 0x1_0000_0002))),
        "forward" => new BtfStruct("node", 8, EquatableArray.Create(new BtfMember("next", new BtfPointer(new BtfForward("node", false)), 0))),
        "typedef" => new BtfTypedef("__u32", U32),
        "qualifiers" => new BtfQualifier(BtfKind.Const, new BtfQualifier(BtfKind.Volatile, new BtfQualifier(BtfKind.Restrict, new BtfPointer(U32)))),
        "type_tag" => new BtfPointer(new BtfTypeTag("user", U32)),
        "decl_tag" => new BtfDeclTag("tag", new BtfStruct("s", 4, EquatableArray.Create(new BtfMember("m", U32, 0))), 0),
        "func" => new BtfFunc("f", new BtfFuncProto(I32, EquatableArray.Create(new BtfParameter("ctx", new BtfPointer(BtfVoid.Instance)))), BtfLinkage.Global),
        "var" => new BtfVar("counter", U32, BtfLinkage.Static),
        "datasec" => new BtfDatasec(".data", 8, EquatableArray.Create(new BtfVarSecinfo(new BtfVar("a", U32, BtfLinkage.Global), 0, 4), new BtfVarSecinfo(new BtfVar("b", I32, BtfLinkage.Global), 4, 4))),
        _ => throw new ArgumentException(kind),
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Built_type_parses_back_equal(string kind)
    {
        var type = Make(kind);
        var builder = new BtfBuilder();
        var id = builder.Add(type);
        var spec = BtfSpec.Parse(builder.Build());
        spec.Types.Count.Should().Be(builder.Count);
        spec[id].Should().Be(type);
    }

    [Fact]
    public void Equal_types_share_an_id_and_ids_are_stable()
    {
        var builder = new BtfBuilder();
        var first = builder.Add(new BtfTypedef("__u32", U32));
        var again = builder.Add(new BtfTypedef("__u32", BtfInt.Unsigned("unsigned int", 4)));
        again.Should().Be(first);
        builder.Add(U32).Should().Be(1, "the int was added first, as the typedef's target");
        first.Should().Be(2);
        var other = new BtfBuilder();
        other.Add(new BtfTypedef("__u32", U32));
        other.Build().Should().Equal(builder.Build());
    }

    [Fact]
    public void String_table_deduplicates()
    {
        var strings = new StringTableBuilder();
        strings.Add("").Should().Be(0);
        var a = strings.Add("key");
        strings.Add("value").Should().Be(a + 4);
        strings.Add("key").Should().Be(a);
        strings.ToArray().Should().Equal([0, .. "key\0value\0"u8.ToArray()]);
    }

    [Fact]
    public void Clang_btf_parses_and_finds_the_map_types()
    {
        Assert.SkipUnless(Tooling.HasClang, Tooling.NoClangReason);
        var elf = ElfFile.Parse(File.ReadAllBytes(Elf.ClangObjects.ObjectPath("maps")));
        var spec = BtfSpec.Parse(elf.SectionData(elf.Section(".BTF")!));
        spec.Find("counters", BtfKind.Struct).Should().BeOfType<BtfStruct>().Which.Size.Should().Be(16);
        spec.Find(".maps", BtfKind.Datasec).Should().BeOfType<BtfDatasec>().Which.Variables.Should().HaveCount(9);
        spec.Find("xdp_maps", BtfKind.Func).Should().BeOfType<BtfFunc>().Which.Linkage.Should().Be(BtfLinkage.Global);
        // Rebuilding every type gives a blob that parses to the same types.
        var builder = new BtfBuilder();
        var ids = spec.Types.Skip(1).Select(builder.Add).ToList();
        var again = BtfSpec.Parse(builder.Build());
        for (var i = 0; i < ids.Count; i++)
        {
            again[ids[i]].Should().Be(spec.Types[i + 1]);
        }
    }

    [Fact]
    public void Malformed_btf_gives_typed_errors()
    {
        var builder = new BtfBuilder();
        builder.Add(Make("datasec"));
        builder.Add(Make("struct"));
        var blob = builder.Build();
        for (var length = 0; length < blob.Length; length++)
        {
            var cut = blob[..length];
            var act = () => BtfSpec.Parse(cut);
            act.Should().Throw<BtfException>($"a blob cut to {length} bytes");
        }
        var random = new Random(7);
        for (var round = 0; round < 2000; round++)
        {
            var bytes = (byte[])blob.Clone();
            bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
            try
            {
                BtfSpec.Parse(bytes);
            }
            catch (BtfException)
            {
            }
        }
    }

    [Fact]
    public void Self_referencing_struct_becomes_a_forward()
    {
        // struct node { struct node *next; }: id 1 = struct, id 2 = pointer to 1.
        var blob = new BtfBuilder();
        blob.Add(new BtfPointer(new BtfForward("x", false)));
        var bytes = blob.Build();
        var raw = new List<byte>();
        raw.AddRange(bytes[..24]);
        uint[] types = [1, 0x04000001, 8, 6, 2, 0, 0, 0x02000000, 1];
        foreach (var word in types)
        {
            raw.AddRange([(byte)word, (byte)(word >> 8), (byte)(word >> 16), (byte)(word >> 24)]);
        }
        var strings = "\0node\0next\0"u8.ToArray();
        raw.AddRange(strings);
        var header = raw.ToArray();
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(12), (uint)(types.Length * 4));
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(16), (uint)(types.Length * 4));
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(20), (uint)strings.Length);
        var spec = BtfSpec.Parse(header);
        spec[1].Should().Be(new BtfStruct("node", 8, EquatableArray.Create(new BtfMember("next", new BtfPointer(new BtfForward("node", false)), 0))));
    }
}
