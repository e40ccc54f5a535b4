using P4.Config.V1;
using P4Bpf.Midend.Ir;

namespace P4Bpf.P4Runtime.P4InfoGen;

/// <summary>Turns IR types into P4DataTypeSpecs, collecting every named type into <see cref="Info"/> (P4Info.type_info).</summary>
internal sealed class TypeInfoBuilder
{
    public P4TypeInfo Info { get; } = new();

    public P4DataTypeSpec Spec(IrType type)
    {
        switch (type)
        {
            case BitType or VarbitType:
                return new P4DataTypeSpec { Bitstring = Bitstring(type) };
            case BoolType:
                return new P4DataTypeSpec { Bool = new P4BoolType() };
            case HeaderType h:
                if (!Info.Headers.ContainsKey(h.Name))
                {
                    var spec = new P4HeaderTypeSpec();
                    spec.Members.AddRange(h.Fields.Select(f => new P4HeaderTypeSpec.Types.Member { Name = f.Name, TypeSpec = Bitstring(f.Type is BoolType ? new BitType(1) : f.Type) }));
                    Info.Headers[h.Name] = spec;
                }
                return new P4DataTypeSpec { Header = new P4NamedType { Name = h.Name } };
            case StructType s when DigestNames.IsUnnamedStruct(s.Name):
            {
                // A list expression or tuple has no type name: p4c describes it as a tuple of its members' types.
                var tuple = new P4TupleTypeSpec();
                tuple.Members.AddRange(s.Fields.Select(f => Spec(f.Type)));
                return new P4DataTypeSpec { Tuple = tuple };
            }
            case StructType s:
                if (!Info.Structs.ContainsKey(s.Name))
                {
                    var spec = new P4StructTypeSpec();
                    Info.Structs[s.Name] = spec;
                    spec.Members.AddRange(s.Fields.Select(f => new P4StructTypeSpec.Types.Member { Name = f.Name, TypeSpec = Spec(f.Type) }));
                }
                return new P4DataTypeSpec { Struct = new P4NamedType { Name = s.Name } };
            case HeaderUnionType u:
                if (!Info.HeaderUnions.ContainsKey(u.Name))
                {
                    var spec = new P4HeaderUnionTypeSpec();
                    Info.HeaderUnions[u.Name] = spec;
                    foreach (var m in u.Members)
                    {
                        Spec(m.Type);
                        spec.Members.Add(new P4HeaderUnionTypeSpec.Types.Member { Name = m.Name, Header = new P4NamedType { Name = ((HeaderType)m.Type).Name } });
                    }
                }
                return new P4DataTypeSpec { HeaderUnion = new P4NamedType { Name = u.Name } };
            case HeaderStackType { Element: HeaderUnionType union } st:
                Spec(union);
                return new P4DataTypeSpec { HeaderUnionStack = new P4HeaderUnionStackTypeSpec { HeaderUnion = new P4NamedType { Name = union.Name }, Size = st.Size } };
            case HeaderStackType st:
                Spec(st.Element);
                return new P4DataTypeSpec { HeaderStack = new P4HeaderStackTypeSpec { Header = new P4NamedType { Name = st.ElementName }, Size = st.Size } };
            default:
                throw new InvalidOperationException($"type {type} has no P4Runtime representation");
        }
    }

    private static P4BitstringLikeTypeSpec Bitstring(IrType type) => type switch
    {
        BitType { Signed: true } b => new P4BitstringLikeTypeSpec { Int = new P4IntTypeSpec { Bitwidth = b.Width } },
        BitType b => new P4BitstringLikeTypeSpec { Bit = new P4BitTypeSpec { Bitwidth = b.Width } },
        VarbitType v => new P4BitstringLikeTypeSpec { Varbit = new P4VarbitTypeSpec { MaxBitwidth = v.MaxWidth } },
        _ => throw new InvalidOperationException($"type {type} is not a bit string"),
    };
}
