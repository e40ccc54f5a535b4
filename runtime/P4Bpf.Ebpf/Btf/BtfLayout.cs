namespace P4Bpf.Ebpf.Btf;

/// <summary>Offsets and sizes of the BTF wire format (<c>struct btf_header</c>, <c>struct btf_type</c> and the per-kind trailers).</summary>
internal static class BtfLayout
{
    public const ushort Magic = 0xEB9F;
    public const byte Version = 1;

    // struct btf_header
    public const int HeaderMagic = 0;
    public const int HeaderVersion = HeaderMagic + 2;
    public const int HeaderFlags = HeaderVersion + 1;
    public const int HeaderLength = HeaderFlags + 1;
    public const int HeaderTypeOffset = HeaderLength + 4;
    public const int HeaderTypeLength = HeaderTypeOffset + 4;
    public const int HeaderStringOffset = HeaderTypeLength + 4;
    public const int HeaderStringLength = HeaderStringOffset + 4;
    public const int HeaderSize = HeaderStringLength + 4;

    // struct btf_type
    public const int TypeNameOffset = 0;
    public const int TypeInfo = TypeNameOffset + 4;
    public const int TypeSizeOrType = TypeInfo + 4;
    public const int TypeSize = TypeSizeOrType + 4;

    public const int IntTrailerSize = 4;
    public const int ArrayTrailerSize = 12;
    public const int MemberSize = 12;
    public const int EnumValueSize = 8;
    public const int Enum64ValueSize = 12;
    public const int ParamSize = 8;
    public const int VarTrailerSize = 4;
    public const int VarSecinfoSize = 12;
    public const int DeclTagTrailerSize = 4;

    public const int MaxVlen = 0xFFFF;

    public static uint Info(BtfKind kind, int vlen, bool kindFlag) =>
        (uint)vlen | ((uint)kind << 24) | (kindFlag ? 1u << 31 : 0);

    public static BtfKind KindOf(uint info) => (BtfKind)((info >> 24) & 0x1F);

    public static int VlenOf(uint info) => (int)(info & 0xFFFF);

    public static bool KindFlagOf(uint info) => (info >> 31) != 0;
}
